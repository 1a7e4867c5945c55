"use client";
import { useTranslations } from "next-intl";
import { daysAgo, formatDay } from "../format";

/** "Сегодня", "Вчера" or the date, sticking to the top while its day scrolls by. */
export function DaySeparator({ iso, locale }: { iso: string; locale: string }) {
  const t = useTranslations("chat");
  const ago = daysAgo(new Date(iso));
  const label = ago === 0 ? t("today") : ago === 1 ? t("yesterday") : formatDay(iso, locale);
  return (
    <div className="sticky top-1 z-[1] flex justify-center py-1.5">
      <span className="rounded-full bg-black/20 px-2.5 py-0.5 text-xs font-medium text-white backdrop-blur-sm dark:bg-white/10 dark:text-neutral-200">{label}</span>
    </div>
  );
}
