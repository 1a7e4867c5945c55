"use client";
import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { ServerForm } from "~/components/forms/server-form";
import { useZodForm } from "~/components/forms/use-zod-form";
import { TextField, VERBATIM } from "~/components/ui/text-field";
import { ZRegisterInput } from "~/shared/schemas/user";
import { useTRPC } from "~/trpc/react";
import { AuthCard } from "../../_components/auth-card";

export function RegisterForm() {
  const t = useTranslations("auth.register");
  const optional = useTranslations("common")("optional");
  const locale = useLocale();
  const trpc = useTRPC();
  const register = useMutation(trpc.auth.register.mutationOptions());
  const form = useZodForm(ZRegisterInput, { defaultValues: { username: "", email: "", displayName: "", password: "" } });
  const { errors } = form.formState;

  return (
    <AuthCard title={t("title")} subtitle={t("subtitle")} other={{ prompt: t("haveAccount"), label: t("toSignIn"), href: "/sign-in" }}>
      <ServerForm
        form={form}
        fields={["username", "email", "displayName", "password"]}
        onValid={async (values) => {
          await register.mutateAsync({ ...values, locale });
          window.location.assign("/");
        }}
        testId="register-form"
        className="mt-6 flex flex-col gap-4"
        submit={{ label: t("submit"), busyLabel: t("submitting"), busy: register.isSuccess, className: "mt-2 w-full" }}
      >
        <TextField
          id="register-username"
          label={t("username")}
          hint={t("usernameHint")}
          autoComplete="username"
          {...VERBATIM}
          autoFocus
          error={errors.username?.message}
          {...form.register("username")}
        />
        <TextField
          id="register-email"
          type="email"
          inputMode="email"
          label={
            <>
              {t("email")} <span className="font-normal text-neutral-500 dark:text-neutral-400">({optional})</span>
            </>
          }
          hint={t("emailHint")}
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          error={errors.email?.message}
          {...form.register("email")}
        />
        <TextField
          id="register-display-name"
          label={t("displayName")}
          hint={t("displayNameHint")}
          autoComplete="name"
          error={errors.displayName?.message}
          {...form.register("displayName")}
        />
        <TextField
          id="register-password"
          type="password"
          label={t("password")}
          hint={t("passwordHint")}
          autoComplete="new-password"
          error={errors.password?.message}
          {...form.register("password")}
        />
      </ServerForm>
    </AuthCard>
  );
}
