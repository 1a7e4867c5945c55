import Link from "next/link";
import type { ReactNode } from "react";

/** A settings-style page: a way back, a heading, and cards below. */
export function PageFrame({ backHref = "/", backLabel, title, children }: { backHref?: string; backLabel: string; title: ReactNode; children: ReactNode }) {
  return (
    <main className="mx-auto flex w-full max-w-2xl flex-col gap-5 px-3 py-5 sm:gap-6 sm:px-6 sm:py-8">
      <div>
        <Link
          href={backHref}
          className="inline-flex items-center gap-1 rounded-lg py-1 pr-2 text-sm font-medium text-accent-600 hover:underline dark:text-accent-400"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
            <path
              fillRule="evenodd"
              d="M12.8 4.2a.75.75 0 0 1 0 1.06L8.06 10l4.74 4.74a.75.75 0 1 1-1.06 1.06l-5.27-5.27a.75.75 0 0 1 0-1.06l5.27-5.27a.75.75 0 0 1 1.06 0Z"
              clipRule="evenodd"
            />
          </svg>
          {backLabel}
        </Link>
        <h1 className="mt-2 px-1 text-2xl font-semibold tracking-tight sm:text-3xl">{title}</h1>
      </div>
      {children}
    </main>
  );
}
