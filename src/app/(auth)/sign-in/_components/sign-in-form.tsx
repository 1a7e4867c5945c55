"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ServerForm } from "~/components/forms/server-form";
import { useZodForm } from "~/components/forms/use-zod-form";
import { TextField, VERBATIM } from "~/components/ui/text-field";
import { inAppUrl } from "~/shared/safe-redirect";
import { ZSignInInput } from "~/shared/schemas/user";
import { useTRPC } from "~/trpc/react";
import { AuthCard } from "../../_components/auth-card";

/** `next` is already a safe same-origin path; it is checked once more against this origin before navigating. */
export function SignInForm({ next }: { next: string }) {
  const t = useTranslations("auth.signIn");
  const trpc = useTRPC();
  const signIn = useMutation(trpc.auth.signIn.mutationOptions());
  const form = useZodForm(ZSignInInput, { defaultValues: { login: "", password: "" } });
  const { errors } = form.formState;

  return (
    <AuthCard title={t("title")} subtitle={t("subtitle")} other={{ prompt: t("noAccount"), label: t("toRegister"), href: "/register" }}>
      <ServerForm
        form={form}
        fields={["login", "password"]}
        onValid={async (values) => {
          await signIn.mutateAsync(values);
          // A full load: the language and everything cached belong to the person who just signed in.
          window.location.assign(inAppUrl(next, window.location.origin));
        }}
        testId="signin-form"
        className="mt-6 flex flex-col gap-4"
        submit={{ label: t("submit"), busyLabel: t("submitting"), busy: signIn.isSuccess, className: "mt-2 w-full" }}
      >
        <TextField
          id="signin-login"
          label={t("login")}
          autoComplete="username"
          {...VERBATIM}
          autoFocus
          error={errors.login?.message}
          {...form.register("login")}
        />
        <TextField
          id="signin-password"
          type="password"
          label={t("password")}
          autoComplete="current-password"
          error={errors.password?.message}
          {...form.register("password")}
        />
      </ServerForm>
    </AuthCard>
  );
}
