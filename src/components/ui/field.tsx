import type { ReactNode } from "react";
import { cn } from "./cn";

export const controlClass = cn(
  "block w-full rounded-xl border bg-white px-3.5 text-[15px] text-neutral-900 placeholder:text-neutral-400 transition-colors",
  "border-neutral-300 hover:border-neutral-400 focus:border-accent-500 focus:outline-none focus:ring-3 focus:ring-accent-500/20",
  "disabled:cursor-not-allowed disabled:opacity-60",
  "aria-[invalid=true]:border-red-500 aria-[invalid=true]:focus:ring-red-500/20",
  "dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-100 dark:placeholder:text-neutral-500 dark:hover:border-neutral-600 dark:focus:border-accent-400",
);

export interface FieldProps {
  id: string;
  /** The field name: the error paragraph is `data-testid="error-<name>"`. */
  name: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  /** Shown at the right of the label row (e.g. a character counter). */
  aside?: ReactNode;
  /** Shown beside the control (e.g. its own submit button). */
  trailing?: ReactNode;
  children: ReactNode;
}

/** A label, a control, and its error or hint below; the control's aria-describedby points at them. */
export function Field({ id, name, label, error, hint, aside, trailing, children }: FieldProps) {
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-baseline justify-between gap-3">
        <label htmlFor={id} className="text-sm font-medium text-neutral-700 dark:text-neutral-300">
          {label}
        </label>
        {aside}
      </div>
      {trailing ? (
        <div className="flex gap-2">
          {children}
          {trailing}
        </div>
      ) : (
        children
      )}
      {error ? (
        <p id={`${id}-error`} data-testid={`error-${name}`} className="text-[13px] leading-snug text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-[13px] leading-snug text-neutral-500 dark:text-neutral-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** The aria attributes a control inside <Field> needs. */
export function describedBy(id: string, error: string | undefined, hint: ReactNode) {
  return {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  } as const;
}
