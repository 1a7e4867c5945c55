import type { ReactNode } from "react";
import { cn } from "./cn";

/** A card with a heading, for settings pages. */
export function Section({
  id,
  title,
  description,
  tone = "default",
  children,
}: {
  id: string;
  title: ReactNode;
  description?: ReactNode;
  tone?: "default" | "danger";
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      className={cn(
        "rounded-2xl bg-white p-4 shadow-sm ring-1 sm:p-6 dark:bg-neutral-900",
        tone === "danger" ? "ring-red-200 dark:ring-red-900/60" : "ring-neutral-200 dark:ring-neutral-800",
      )}
    >
      <header className="mb-5">
        <h2 id={`${id}-title`} className={cn("text-lg font-semibold", tone === "danger" && "text-red-600 dark:text-red-400")}>
          {title}
        </h2>
        {description ? <p className="mt-1 text-sm text-neutral-500 dark:text-neutral-400">{description}</p> : null}
      </header>
      {children}
    </section>
  );
}
