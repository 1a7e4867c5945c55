"use client";
// "Покинуть группу", asked twice.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "~/components/ui/button";

export function LeaveSection({ title, leaving, onLeave }: { title: string; leaving: boolean; onLeave: () => void }) {
  const t = useTranslations("chat.info");
  const tChat = useTranslations("chat");
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="rounded-2xl bg-white p-3 shadow-sm ring-1 ring-neutral-200 dark:bg-neutral-900 dark:ring-neutral-800">
      {confirming ? (
        <div className="flex flex-col gap-3">
          <p className="text-sm">{t("leaveConfirm", { title })}</p>
          <div className="flex gap-2">
            <Button variant="danger" size="sm" data-testid="group-leave-confirm" disabled={leaving} onClick={onLeave}>
              {t("leave")}
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
              {tChat("cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          data-testid="group-leave"
          onClick={() => setConfirming(true)}
          className="w-full rounded-xl px-2 py-2 text-left text-[15px] font-medium text-red-600 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-500/10"
        >
          {t("leave")}
        </button>
      )}
    </section>
  );
}
