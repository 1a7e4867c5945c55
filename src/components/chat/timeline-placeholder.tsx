"use client";
// What an open chat shows until its timeline is loaded: "loading", or why it failed and a retry.
import { useTranslations } from "next-intl";
import { serverErrorMessage, type LooseTranslator } from "~/components/forms/server-error";
import { Button } from "~/components/ui/button";

export function TimelineLoading() {
  const t = useTranslations("chat");
  return (
    <div role="status" aria-live="polite" className="flex min-h-0 flex-1 items-center justify-center">
      <span className="rounded-full bg-white/80 px-3 py-1 text-sm text-neutral-500 shadow-sm dark:bg-neutral-900/80 dark:text-neutral-400">{t("loading")}</span>
    </div>
  );
}

export function TimelineFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useTranslations("chat");
  const tRoot = useTranslations() as unknown as LooseTranslator;
  return (
    <div className="flex min-h-0 flex-1 flex-col items-center justify-center gap-3 px-6 text-center">
      <p role="alert" className="max-w-sm rounded-2xl bg-white/90 px-4 py-3 text-sm text-neutral-700 shadow-sm dark:bg-neutral-900/90 dark:text-neutral-200">
        {t("loadFailed")} {serverErrorMessage(tRoot, error)}
      </p>
      <Button variant="secondary" size="sm" onClick={onRetry}>
        {t("retry")}
      </Button>
    </div>
  );
}
