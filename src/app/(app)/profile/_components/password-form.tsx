"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ServerForm } from "~/components/forms/server-form";
import { useZodForm } from "~/components/forms/use-zod-form";
import { TextField } from "~/components/ui/text-field";
import { ZChangePasswordInput } from "~/shared/schemas/user";
import { useTRPC } from "~/trpc/react";

export function PasswordForm() {
  const t = useTranslations("profile.password");
  const trpc = useTRPC();
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  const form = useZodForm(ZChangePasswordInput, { defaultValues: { currentPassword: "", newPassword: "" } });
  const { errors } = form.formState;

  return (
    <ServerForm
      form={form}
      fields={["currentPassword", "newPassword"]}
      onValid={async (values) => {
        await change.mutateAsync(values);
        form.reset();
      }}
      testId="password-form"
      className="flex flex-col gap-4"
      submit={{ label: t("submit"), busyLabel: t("submitting") }}
      saved={{ text: t("done"), done: change.isSuccess }}
    >
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
    </ServerForm>
  );
}
