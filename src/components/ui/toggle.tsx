import type { ReactNode } from "react";

/** A labelled on/off checkbox with an optional hint under it. */
export function Toggle({ id, label, hint, checked, disabled, onChange }: { id: string; label: ReactNode; hint?: ReactNode; checked: boolean; disabled?: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={checked}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.checked)}
        className="accent-accent-600 mt-0.5 size-5 shrink-0"
      />
      <div className="flex flex-col gap-0.5">
        <label htmlFor={id} className="text-sm font-medium text-neutral-700 dark:text-neutral-300">
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} className="text-[13px] text-neutral-500 dark:text-neutral-400">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}
