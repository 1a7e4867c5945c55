import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ThemeSelect } from "~/components/theme/theme-select";
import { PageFrame } from "~/components/ui/page-frame";
import { Section } from "~/components/ui/section";
import { DeleteAccountForm } from "./_components/delete-account-form";
import { LocaleSelect } from "./_components/locale-select";
import { PasswordForm } from "./_components/password-form";
import { PrivacyForm } from "./_components/privacy-form";
import { NotificationsSection } from "./_components/notifications-section";
import { ProfileForm } from "./_components/profile-form";
import { StorageUsage } from "./_components/storage-usage";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("metadata");
  return { title: t("profile") };
}

export default async function ProfilePage() {
  const t = await getTranslations("profile");
  return (
    <PageFrame backLabel={t("back")} title={t("title")}>
      <Section id="profile-info" title={t("info.title")} description={t("info.description")}>
        <ProfileForm />
      </Section>

      <Section id="profile-appearance" title={t("appearance.title")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <LocaleSelect />
          <ThemeSelect id="profile-theme" label={t("appearance.theme")} />
        </div>
      </Section>

      <Section id="profile-privacy" title={t("privacy.title")} description={t("privacy.description")}>
        <PrivacyForm />
      </Section>

      <Section id="profile-storage" title={t("storage.title")} description={t("storage.description")}>
        <StorageUsage />
      </Section>
      <NotificationsSection />

      <Section id="profile-password" title={t("password.title")} description={t("password.description")}>
        <PasswordForm />
      </Section>

      <Section id="profile-delete" title={t("delete.title")} tone="danger">
        <DeleteAccountForm />
      </Section>
    </PageFrame>
  );
}
