"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ServerForm } from "~/components/forms/server-form";
import { useZodForm } from "~/components/forms/use-zod-form";
import { TextField } from "~/components/ui/text-field";
import { ZDeleteAccountInput } from "~/shared/schemas/user";
import { useTRPC } from "~/trpc/react";

export function DeleteAccountForm() {
  const t = useTranslations("profile.delete");
  const trpc = useTRPC();
  const remove = useMutation(trpc.account.deleteAccount.mutationOptions());
  const form = useZodForm(ZDeleteAccountInput, { defaultValues: { password: "" } });
  const { errors } = form.formState;

  return (
    <ServerForm
      form={form}
      fields={["password"]}
      onValid={async (values) => {
        await remove.mutateAsync(values);
        window.location.assign("/sign-in");
      }}
      testId="delete-account-form"
      className="flex flex-col gap-4"
      intro={<DeleteWarning text={t("warning")} />}
      submit={{ label: t("submit"), busyLabel: t("submitting"), busy: remove.isSuccess, variant: "danger", describedBy: "delete-account-warning" }}
    >
      <div className="sm:max-w-xs">
        <TextField
          id="delete-password"
          type="password"
          label={t("password")}
          autoComplete="current-password"
          error={errors.password?.message}
          {...form.register("password")}
        />
      </div>
    </ServerForm>
  );
}

function DeleteWarning({ text }: { text: string }) {
  return (
    <div
      id="delete-account-warning"
      className="flex gap-3 rounded-xl bg-red-50 p-3.5 text-sm leading-relaxed text-red-800 dark:bg-red-950/40 dark:text-red-200"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0">
        <path
          fillRule="evenodd"
          d="M8.49 2.87c.66-1.16 2.36-1.16 3.02 0l6.28 11.03c.65 1.15-.18 2.6-1.51 2.6H3.72c-1.33 0-2.16-1.45-1.51-2.6L8.49 2.87ZM10 7a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 7Zm0 7.5a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
          clipRule="evenodd"
        />
      </svg>
      <p>{text}</p>
    </div>
  );
}
