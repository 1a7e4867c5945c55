import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ThemeSelect } from "~/components/theme/theme-select";
import { Section } from "~/components/ui/section";
import { DeleteAccountForm } from "./_components/delete-account-form";
import { LocaleSelect } from "./_components/locale-select";
import { PasswordForm } from "./_components/password-form";
import { ProfileForm } from "./_components/profile-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("metadata");
  return { title: t("profile") };
}

export default async function ProfilePage() {
  const t = await getTranslations("profile");
  return (
    <main className="mx-auto flex w-full max-w-2xl flex-col gap-5 px-3 py-5 sm:gap-6 sm:px-6 sm:py-8">
      <div>
        <Link
          href="/"
          className="inline-flex items-center gap-1 rounded-lg py-1 pr-2 text-sm font-medium text-accent-600 hover:underline dark:text-accent-400"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
            <path
              fillRule="evenodd"
              d="M12.8 4.2a.75.75 0 0 1 0 1.06L8.06 10l4.74 4.74a.75.75 0 1 1-1.06 1.06l-5.27-5.27a.75.75 0 0 1 0-1.06l5.27-5.27a.75.75 0 0 1 1.06 0Z"
              clipRule="evenodd"
            />
          </svg>
          {t("back")}
        </Link>
        <h1 className="mt-2 px-1 text-2xl font-semibold tracking-tight sm:text-3xl">{t("title")}</h1>
      </div>

      <Section id="profile-info" title={t("info.title")} description={t("info.description")}>
        <ProfileForm />
      </Section>

      <Section id="profile-appearance" title={t("appearance.title")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <LocaleSelect />
          <ThemeSelect id="profile-theme" label={t("appearance.theme")} />
        </div>
      </Section>

      <Section id="profile-password" title={t("password.title")} description={t("password.description")}>
        <PasswordForm />
      </Section>

      <Section id="profile-delete" title={t("delete.title")} tone="danger">
        <DeleteAccountForm />
      </Section>
    </main>
  );
}
