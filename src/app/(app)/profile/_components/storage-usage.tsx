"use client";
// The storage quota: how much of it the person's files (sent or still uploading) take.
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { formatBytes } from "~/components/chat/format";
import { useTRPC } from "~/trpc/react";

export function StorageUsage() {
  const t = useTranslations("profile.storage");
  const locale = useLocale();
  const trpc = useTRPC();
  const usage = useQuery(trpc.attachment.usage.queryOptions(undefined, { refetchOnMount: "always" }));
  if (usage.isError) return <p className="text-sm text-red-600 dark:text-red-400">{t("loadFailed")}</p>;
  if (!usage.data) return <p className="text-sm text-neutral-500 dark:text-neutral-400">{t("loading")}</p>;
  const { usedBytes, quotaBytes } = usage.data;
  const percent = quotaBytes > 0 ? Math.min(100, Math.round((usedBytes / quotaBytes) * 100)) : 100;
  const used = formatBytes(usedBytes, locale);
  const quota = formatBytes(quotaBytes, locale);
  return (
    <div data-testid="storage-usage" data-used-bytes={usedBytes} className="flex flex-col gap-2">
      <p id="storage-usage-label" className="text-sm">
        {t("used", { used, quota })}
      </p>
      <div
        role="progressbar"
        aria-labelledby="storage-usage-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={t("percent", { percent })}
        className="h-2 overflow-hidden rounded-full bg-neutral-200 dark:bg-neutral-800"
      >
        <div className={percent >= 90 ? "h-full bg-red-600" : "h-full bg-sky-600"} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
