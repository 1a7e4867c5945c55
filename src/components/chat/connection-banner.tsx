"use client";
// "Подключение…" / "Нет соединения…" at the top of the app; nothing while online. Connecting shows
// only after a second, so a normal page load does not flash it. While the chat list is the device's
// saved copy and the server is out of reach, it says so, so saved messages do not pass for fresh.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useMessengerState } from "~/client/react";
import { cn } from "~/components/ui/cn";

const CONNECTING_DELAY_MS = 1_000;

export function ConnectionBanner() {
  const t = useTranslations("connection");
  const state = useMessengerState((current) => current.connection);
  const savedData = useMessengerState((current) => current.savedData);
  const [slowSince, setSlowSince] = useState<string | null>(null);

  useEffect(() => {
    if (state !== "connecting") return;
    const timer = setTimeout(() => setSlowSince(state), CONNECTING_DELAY_MS);
    return () => {
      clearTimeout(timer);
      setSlowSince(null);
    };
  }, [state]);

  const visible = state === "offline" || (state === "connecting" && slowSince === "connecting");
  const saved = visible && savedData;
  return (
    <div
      data-testid="connection-banner"
      data-state={state}
      data-saved={saved || undefined}
      role="status"
      aria-live="polite"
      hidden={!visible}
      className={cn(
        "shrink-0 px-3 py-1.5 text-center text-[13px] font-medium",
        state === "offline" || saved
          ? "bg-amber-100 text-amber-900 dark:bg-amber-500/15 dark:text-amber-200"
          : "bg-accent-50 text-accent-800 dark:bg-accent-500/15 dark:text-accent-200",
      )}
    >
      {visible ? (
        <span className="inline-flex items-center gap-2">
          {state === "connecting" && !saved ? (
            <span aria-hidden="true" className="size-3 animate-spin rounded-full border-2 border-current border-t-transparent" />
          ) : (
            <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4 shrink-0">
              <path
                fillRule="evenodd"
                d="M8.49 2.87c.66-1.16 2.36-1.16 3.02 0l6.28 11.03c.65 1.15-.18 2.6-1.51 2.6H3.72c-1.33 0-2.16-1.45-1.51-2.6L8.49 2.87ZM10 7a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 7Zm0 7.5a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
                clipRule="evenodd"
              />
            </svg>
          )}
          {saved ? t("savedOffline") : state === "offline" ? t("offline") : t("connecting")}
        </span>
      ) : null}
    </div>
  );
}
