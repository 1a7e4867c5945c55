import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageFrame } from "~/components/ui/page-frame";
import { ProfileView } from "./_components/profile-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("metadata");
  return { title: t("people") };
}

export default async function PersonPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  const t = await getTranslations("people");
  return (
    <PageFrame backHref="/people" backLabel={t("profile.back")} title={t("title")}>
      <ProfileView key={userId} userId={userId} />
    </PageFrame>
  );
}
