import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LocaleCookieSelect } from "~/components/locale-cookie-select";
import { LogoMark } from "~/components/logo";
import { ThemeSelect } from "~/components/theme/theme-select";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations();
  return (
    <div className="flex min-h-dvh flex-col items-center px-4 py-8 sm:justify-center sm:py-12">
      <div className="w-full max-w-[400px]">
        {/* Landmarks around everything (axe `region`): the brand is the banner, preferences a footer. */}
        <header className="mb-6 flex flex-col items-center text-center">
          <LogoMark className="size-14 shadow-lg shadow-accent-500/25 rounded-[18px]" />
          <p className="mt-3 text-xl font-semibold tracking-tight">{t("common.appName")}</p>
          <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">{t("auth.tagline")}</p>
        </header>
        <main className="rounded-3xl bg-white p-5 shadow-sm ring-1 ring-neutral-200 sm:p-8 dark:bg-neutral-900 dark:ring-neutral-800">
          {children}
        </main>
        <footer className="mt-6 flex flex-wrap items-center justify-center gap-x-5 gap-y-3">
          <LocaleCookieSelect id="auth-locale" />
          <ThemeSelect id="auth-theme" label={t("preferences.theme")} compact />
        </footer>
      </div>
    </div>
  );
}
