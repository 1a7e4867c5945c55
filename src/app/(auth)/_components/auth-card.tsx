import Link from "next/link";
import type { ReactNode } from "react";

/** A sign-in or registration form under its heading, with the way to the other one below. */
export function AuthCard({
  title,
  subtitle,
  children,
  other,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
  other: { prompt: string; label: string; href: string };
}) {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-1 text-sm text-neutral-500 dark:text-neutral-400">{subtitle}</p>
      {children}
      <p className="mt-6 text-center text-sm text-neutral-500 dark:text-neutral-400">
        {other.prompt}{" "}
        <Link href={other.href} className="font-medium text-accent-600 hover:underline dark:text-accent-400">
          {other.label}
        </Link>
      </p>
    </>
  );
}
