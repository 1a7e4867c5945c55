"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { LOCALE_COOKIE, LOCALES, toLocale } from "~/i18n/config";
import { Select } from "./ui/select";

export const LOCALE_LABEL_KEYS = { ru: "localeRu", en: "localeEn" } as const;

/** Language switch for signed-out pages: only the cookie changes (account.setLocale needs a session). */
export function LocaleCookieSelect({ id }: { id: string }) {
  const t = useTranslations("preferences");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Select
      id={id}
      label={t("language")}
      compact
      data-testid="locale-select"
      value={locale}
      disabled={pending}
      onChange={(event) => {
        const next = toLocale(event.target.value);
        document.cookie = `${LOCALE_COOKIE}=${next}; Path=/; Max-Age=${365 * 24 * 60 * 60}; SameSite=Lax`;
        startTransition(() => router.refresh());
      }}
    >
      {LOCALES.map((value) => (
        <option key={value} value={value}>
          {t(LOCALE_LABEL_KEYS[value])}
        </option>
      ))}
    </Select>
  );
}
