import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { PageFrame } from "~/components/ui/page-frame";
import { PeopleSearch } from "./_components/people-search";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("metadata");
  return { title: t("people") };
}

export default async function PeoplePage() {
  const t = await getTranslations();
  return (
    <PageFrame backLabel={t("profile.back")} title={t("people.title")}>
      {/* useSearchParams needs a Suspense boundary in a statically rendered page. */}
      <Suspense>
        <PeopleSearch />
      </Suspense>
    </PageFrame>
  );
}
