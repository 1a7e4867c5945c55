"use client";
// "в сети" / "был(а) в сети вчера в 21:04": how a person's presence reads in headers and lists.
import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";
import { daysAgo, formatClock, formatShortDate } from "~/components/chat/format";

export interface PresenceLike {
  online: boolean;
  lastSeenAt: string | null;
}

/** Returns a formatter; `undefined` presence (not known, or hidden by privacy) reads as "". */
export function usePresenceText() {
  const t = useTranslations("chat.status");
  const locale = useLocale();
  return useCallback(
    (presence: PresenceLike | undefined): string => {
      if (!presence) return "";
      if (presence.online) return t("online");
      if (!presence.lastSeenAt) return t("lastSeenRecently");
      const ago = daysAgo(new Date(presence.lastSeenAt));
      const time = formatClock(presence.lastSeenAt, locale);
      if (ago === 0) return t("lastSeenToday", { time });
      if (ago === 1) return t("lastSeenYesterday", { time });
      return t("lastSeenDate", { date: formatShortDate(presence.lastSeenAt, locale) });
    },
    [t, locale],
  );
}
