import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { safeNextPath } from "~/shared/safe-redirect";
import { SignInForm } from "./_components/sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("metadata");
  return { title: t("signIn") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next } = await searchParams;
  return <SignInForm next={safeNextPath(next)} />;
}
