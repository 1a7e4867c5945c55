"use client";
// The shell of a form that submits to the server: the values pass the shared zod schema first, then
// the server's refusal shows beside the field it names (or above the fields), the submit button
// says when the form is busy, and an optional note says "saved" until the next edit.
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { FormError, FormSuccess } from "~/components/ui/alert";
import { Button, type ButtonVariant } from "~/components/ui/button";
import { applyServerError, type LooseTranslator } from "./server-error";

export interface SubmitButton {
  label: string;
  busyLabel: string;
  /** Busy beyond submitting (e.g. navigating away after success). */
  busy?: boolean;
  variant?: ButtonVariant;
  className?: string;
  describedBy?: string;
}

export function ServerForm<TInput extends FieldValues, TOutput>({
  form,
  fields,
  onValid,
  testId,
  className,
  intro,
  submit,
  saved,
  children,
}: {
  form: UseFormReturn<TInput, unknown, TOutput>;
  /** The fields a server refusal may name; others go above the form. */
  fields: readonly Path<TInput>[];
  onValid: (values: TOutput) => Promise<unknown>;
  testId: string;
  className: string;
  /** Shown above the server's form-level error (a preview, a warning). */
  intro?: ReactNode;
  submit: SubmitButton;
  /** The note beside the button after a successful submit, while the form is unchanged. */
  saved?: { text: string; done: boolean };
  children: ReactNode;
}) {
  const tRoot = useTranslations() as unknown as LooseTranslator;
  const { errors, isSubmitting, isDirty } = form.formState;
  const busy = isSubmitting || !!submit.busy;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await onValid(values);
    } catch (error) {
      applyServerError(form.setError, tRoot, error, fields);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate data-testid={testId} className={className}>
      {intro}
      {errors.root?.server?.message ? <FormError>{errors.root.server.message}</FormError> : null}
      {children}
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" variant={submit.variant} disabled={busy} className={submit.className} aria-describedby={submit.describedBy}>
          {busy ? submit.busyLabel : submit.label}
        </Button>
        {saved?.done && !isDirty && !isSubmitting ? <FormSuccess>{saved.text}</FormSuccess> : null}
      </div>
    </form>
  );
}
