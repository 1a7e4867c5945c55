"use client";
import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { applyServerError, type LooseTranslator } from "~/components/forms/server-error";
import { useZodForm } from "~/components/forms/use-zod-form";
import { FormError } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/text-field";
import { ZRegisterInput } from "~/shared/schemas/user";
import { useTRPC } from "~/trpc/react";

export function RegisterForm() {
  const t = useTranslations("auth.register");
  const tRoot = useTranslations() as unknown as LooseTranslator;
  const optional = useTranslations("common")("optional");
  const locale = useLocale();
  const trpc = useTRPC();
  const register = useMutation(trpc.auth.register.mutationOptions());
  const form = useZodForm(ZRegisterInput, { defaultValues: { username: "", email: "", displayName: "", password: "" } });
  const { errors, isSubmitting } = form.formState;
  const busy = isSubmitting || register.isSuccess;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await register.mutateAsync({ ...values, locale });
      window.location.assign("/");
    } catch (error) {
      applyServerError(form.setError, tRoot, error, ["username", "email", "displayName", "password"]);
    }
  });

  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-1 text-sm text-neutral-500 dark:text-neutral-400">{t("subtitle")}</p>
      <form onSubmit={onSubmit} noValidate data-testid="register-form" className="mt-6 flex flex-col gap-4">
        {errors.root?.server?.message ? <FormError>{errors.root.server.message}</FormError> : null}
        <TextField
          id="register-username"
          label={t("username")}
          hint={t("usernameHint")}
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
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
        <Button type="submit" disabled={busy} className="mt-2 w-full">
          {busy ? t("submitting") : t("submit")}
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-neutral-500 dark:text-neutral-400">
        {t("haveAccount")}{" "}
        <Link href="/sign-in" className="font-medium text-accent-600 hover:underline dark:text-accent-400">
          {t("toSignIn")}
        </Link>
      </p>
    </>
  );
}
