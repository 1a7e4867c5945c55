// next-intl without i18n routing: the locale comes from the NEXT_LOCALE cookie (Russian by default).
import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, toLocale } from "./config";
import type ruMessages from "../../messages/ru.json";

export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  const messages = (await import(`../../messages/${locale}.json`)) as { default: Messages };
  return { locale, messages: messages.default };
});

type Messages = typeof ruMessages;
