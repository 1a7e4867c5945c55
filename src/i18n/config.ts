// The UI languages and where the choice lives (the server sets the same cookie on sign-in).
import type { TLocale } from "~/shared/schemas/user";

export const LOCALES = ["ru", "en"] as const satisfies readonly TLocale[];
const DEFAULT_LOCALE: TLocale = "ru";
export const LOCALE_COOKIE = "NEXT_LOCALE";

export function toLocale(value: string | undefined | null): TLocale {
  return LOCALES.find((locale) => locale === value) ?? DEFAULT_LOCALE;
}
