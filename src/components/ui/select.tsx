import type { ReactNode, SelectHTMLAttributes } from "react";
import { cn } from "./cn";
import { controlClass } from "./field";

/** A native <select> with a visible label and a chevron. */
export function Select({
  id,
  label,
  compact,
  className,
  children,
  ...select
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & { id: string; label: ReactNode; compact?: boolean }) {
  return (
    <div className={cn("flex gap-1.5", compact ? "items-center" : "flex-col")}>
      <label
        htmlFor={id}
        className={cn("font-medium", compact ? "text-[13px] text-neutral-500 dark:text-neutral-400" : "text-sm text-neutral-700 dark:text-neutral-300")}
      >
        {label}
      </label>
      <div className="relative">
        <select
          id={id}
          className={cn(controlClass, "appearance-none pr-9", compact ? "h-9 text-sm" : "h-11", className)}
          {...select}
        >
          {children}
        </select>
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-neutral-500"
          fill="currentColor"
        >
          <path d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.06l3.71-3.83a.75.75 0 1 1 1.08 1.04l-4.25 4.39a.75.75 0 0 1-1.08 0L5.21 8.27a.75.75 0 0 1 .02-1.06Z" />
        </svg>
      </div>
    </div>
  );
}

