"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { applyServerError, type LooseTranslator } from "~/components/forms/server-error";
import { useZodForm } from "~/components/forms/use-zod-form";
import { FormError, FormSuccess } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/text-field";
import { ZChangePasswordInput } from "~/shared/schemas/user";
import { useTRPC } from "~/trpc/react";

export function PasswordForm() {
  const t = useTranslations("profile.password");
  const tRoot = useTranslations() as unknown as LooseTranslator;
  const trpc = useTRPC();
  const change = useMutation(trpc.user.changePassword.mutationOptions());
  const form = useZodForm(ZChangePasswordInput, { defaultValues: { currentPassword: "", newPassword: "" } });
  const { errors, isSubmitting, isDirty } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await change.mutateAsync(values);
      form.reset();
    } catch (error) {
      applyServerError(form.setError, tRoot, error, ["currentPassword", "newPassword"]);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate data-testid="password-form" className="flex flex-col gap-4">
      {errors.root?.server?.message ? <FormError>{errors.root.server.message}</FormError> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="password-current"
          type="password"
          label={t("current")}
          autoComplete="current-password"
          error={errors.currentPassword?.message}
          {...form.register("currentPassword")}
        />
        <TextField
          id="password-new"
          type="password"
          label={t("new")}
          hint={t("newHint")}
          autoComplete="new-password"
          error={errors.newPassword?.message}
          {...form.register("newPassword")}
        />
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? t("submitting") : t("submit")}
        </Button>
        {change.isSuccess && !isDirty && !isSubmitting ? <FormSuccess>{t("done")}</FormSuccess> : null}
      </div>
    </form>
  );
}
