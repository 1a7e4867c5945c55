"use client";
// Registers the service worker and, when a new version is waiting, offers to switch to it.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { activateWaiting, registerServiceWorker } from "~/client/service-worker";
import { Button } from "~/components/ui/button";

export function ServiceWorkerUpdates() {
  const t = useTranslations("pwa");
  const [waiting, setWaiting] = useState<ServiceWorker | null>(null);
  const [applying, setApplying] = useState(false);

  useEffect(() => {
    registerServiceWorker(setWaiting).catch(() => undefined); // no worker: the app works as a plain site
  }, []);

  if (!waiting) return null;
  return (
    <div aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-3">
      <div
        role="status"
        data-testid="update-toast"
        className="pointer-events-auto flex max-w-md items-center gap-3 rounded-2xl bg-neutral-900/95 py-2 pr-2 pl-4 text-sm text-white shadow-lg dark:bg-neutral-100/95 dark:text-neutral-900"
      >
        <span>{t("updateAvailable")}</span>
        <Button
          size="sm"
          data-testid="update-reload"
          disabled={applying}
          onClick={() => {
            setApplying(true);
            activateWaiting(waiting);
          }}
        >
          {t("reload")}
        </Button>
      </div>
    </div>
  );
}
