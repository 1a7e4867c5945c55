// Typed message keys and locales for next-intl's hooks (messages/ru.json is the reference).
import type messages from "../../messages/ru.json";
import type { TLocale } from "~/shared/schemas/user";

declare module "next-intl" {
  interface AppConfig {
    Locale: TLocale;
    Messages: typeof messages;
  }
}
