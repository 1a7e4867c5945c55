import type { InputHTMLAttributes, ReactNode, Ref, TextareaHTMLAttributes } from "react";
import { cn } from "./cn";
import { controlClass, describedBy, Field } from "./field";

/** For usernames, emails and URLs: typed exactly, no capitals, corrections or spelling marks. */
export const VERBATIM = { autoCapitalize: "none", autoCorrect: "off", spellCheck: false } as const;

interface Common {
  id: string;
  name: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  aside?: ReactNode;
  trailing?: ReactNode;
}

export function TextField({
  id,
  name,
  label,
  error,
  hint,
  aside,
  trailing,
  className,
  ref,
  ...input
}: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name"> & { ref?: Ref<HTMLInputElement> }) {
  return (
    <Field id={id} name={name} label={label} error={error} hint={hint} aside={aside} trailing={trailing}>
      <input id={id} name={name} ref={ref} className={cn(controlClass, "h-11", trailing ? "min-w-0 flex-1" : null, className)} {...describedBy(id, error, hint)} {...input} />
    </Field>
  );
}

export function TextAreaField({
  id,
  name,
  label,
  error,
  hint,
  aside,
  className,
  ref,
  ...textarea
}: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "name"> & { ref?: Ref<HTMLTextAreaElement> }) {
  return (
    <Field id={id} name={name} label={label} error={error} hint={hint} aside={aside}>
      <textarea
        id={id}
        name={name}
        ref={ref}
        className={cn(controlClass, "min-h-24 resize-y py-2.5 leading-relaxed", className)}
        {...describedBy(id, error, hint)}
        {...textarea}
      />
    </Field>
  );
}
