"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { applyServerError, type LooseTranslator } from "~/components/forms/server-error";
import { useZodForm } from "~/components/forms/use-zod-form";
import { FormError } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/text-field";
import { inAppUrl } from "~/shared/safe-redirect";
import { ZSignInInput } from "~/shared/schemas/user";
import { useTRPC } from "~/trpc/react";

/** `next` is already a safe same-origin path; it is checked once more against this origin before navigating. */
export function SignInForm({ next }: { next: string }) {
  const t = useTranslations("auth.signIn");
  const tRoot = useTranslations() as unknown as LooseTranslator;
  const trpc = useTRPC();
  const signIn = useMutation(trpc.auth.signIn.mutationOptions());
  const form = useZodForm(ZSignInInput, { defaultValues: { login: "", password: "" } });
  const { errors, isSubmitting } = form.formState;
  const busy = isSubmitting || signIn.isSuccess;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await signIn.mutateAsync(values);
      // A full load: the language and everything cached belong to the person who just signed in.
      window.location.assign(inAppUrl(next, window.location.origin));
    } catch (error) {
      applyServerError(form.setError, tRoot, error, ["login", "password"]);
    }
  });

  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-1 text-sm text-neutral-500 dark:text-neutral-400">{t("subtitle")}</p>
      <form onSubmit={onSubmit} noValidate data-testid="signin-form" className="mt-6 flex flex-col gap-4">
        {errors.root?.server?.message ? <FormError>{errors.root.server.message}</FormError> : null}
        <TextField
          id="signin-login"
          label={t("login")}
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
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
        <Button type="submit" disabled={busy} className="mt-2 w-full">
          {busy ? t("submitting") : t("submit")}
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-neutral-500 dark:text-neutral-400">
        {t("noAccount")}{" "}
        <Link href="/register" className="font-medium text-accent-600 hover:underline dark:text-accent-400">
          {t("toRegister")}
        </Link>
      </p>
    </>
  );
}
