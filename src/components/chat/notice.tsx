"use client";
// One short notice at a time ("Вы больше не участник этого чата"), shown over the messenger.
import { useTranslations } from "next-intl";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { CloseIcon } from "./dialog";

const NOTICE_MS = 6_000;

const NoticeContext = createContext<(text: string) => void>(() => undefined);

/** Shows a notice; it survives navigation inside the messenger (the provider sits in its layout). */
export function useNotify() {
  return useContext(NoticeContext);
}

export function NoticeProvider({ children }: { children: ReactNode }) {
  const t = useTranslations("chat");
  const [notice, setNotice] = useState<{ text: string; id: number } | null>(null);
  const notify = useCallback((text: string) => setNotice({ text, id: Date.now() }), []);
  const value = useMemo(() => notify, [notify]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  return (
    <NoticeContext.Provider value={value}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-3">
        {notice ? (
          <div
            key={notice.id}
            role="status"
            data-testid="notice"
            className="pointer-events-auto flex max-w-md items-center gap-3 rounded-2xl bg-neutral-900/95 py-2.5 pr-2 pl-4 text-sm text-white shadow-lg dark:bg-neutral-100/95 dark:text-neutral-900"
          >
            <span>{notice.text}</span>
            <button
              type="button"
              aria-label={t("close")}
              onClick={() => setNotice(null)}
              className="inline-flex size-7 shrink-0 items-center justify-center rounded-full hover:bg-white/15 dark:hover:bg-black/10"
            >
              <CloseIcon className="size-4" />
            </button>
          </div>
        ) : null}
      </div>
    </NoticeContext.Provider>
  );
}
