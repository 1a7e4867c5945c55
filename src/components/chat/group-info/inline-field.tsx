"use client";
// A compact field of the group panel: label, an input with its own button beside it, and the error.
import type { ReactNode } from "react";
import { cn } from "~/components/ui/cn";
import { controlClass, describedBy, Field } from "~/components/ui/field";
import { VERBATIM } from "~/components/ui/text-field";

export function InlineField({
  id,
  name,
  testId,
  label,
  value,
  error,
  onChange,
  children,
  ...input
}: {
  id: string;
  name: string;
  testId: string;
  label: string;
  value: string;
  error: string | null;
  onChange: (value: string) => void;
  /** The button beside the input. */
  children: ReactNode;
  maxLength?: number;
  placeholder?: string;
  /** Usernames: no capitals, corrections or spelling marks. */
  verbatim?: boolean;
}) {
  const { verbatim, ...attributes } = input;
  return (
    <Field id={id} name={name} label={label} error={error ?? undefined} trailing={children}>
      <input
        id={id}
        name={name}
        data-testid={testId}
        value={value}
        autoComplete="off"
        {...(verbatim ? VERBATIM : {})}
        {...attributes}
        {...describedBy(id, error ?? undefined, undefined)}
        onChange={(event) => onChange(event.target.value)}
        className={cn(controlClass, "h-10 min-w-0 flex-1")}
      />
    </Field>
  );
}
