import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageFrame } from "~/components/ui/page-frame";
import { FriendsView } from "./_components/friends-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("metadata");
  return { title: t("friends") };
}

export default async function FriendsPage() {
  const t = await getTranslations();
  return (
    <PageFrame backLabel={t("profile.back")} title={t("friends.title")}>
      <FriendsView />
    </PageFrame>
  );
}
