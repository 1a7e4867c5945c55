"use client";
// The open chat's notification setting: on, or muted for a while or until unmuted.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { TChatMuteDuration } from "~/shared/schemas/push";
import { useTRPC } from "~/trpc/react";

const CHOICES = ["1h", "8h", "1w", "forever"] as const;

export function MuteControl({ chatId, mutedUntil }: { chatId: string; mutedUntil: string | null }) {
  const t = useTranslations("push.mute");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mute = useMutation(
    trpc.chat.mute.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.chat.get.queryKey({ chatId }) }) }),
  );
  const forever = mutedUntil !== null && new Date(mutedUntil).getUTCFullYear() >= 9999;
  const current = mutedUntil === null ? "on" : "muted";
  return (
    <select
      data-testid="chat-mute"
      aria-label={t("label")}
      title={t("label")}
      disabled={mute.isPending}
      value={current}
      onChange={(event) => mute.mutate({ chatId, duration: event.target.value === "on" ? null : (event.target.value as NonNullable<TChatMuteDuration>) })}
      className="h-9 max-w-36 shrink-0 truncate rounded-full border-0 bg-transparent px-2 text-[13px] text-neutral-600 hover:bg-neutral-100 dark:text-neutral-300 dark:hover:bg-neutral-800"
    >
      <option value="on">{t("on")}</option>
      {current === "muted" ? <option value="muted">{forever ? t("mutedForever") : t("mutedUntil", { time: new Date(mutedUntil!).toLocaleString() })}</option> : null}
      {CHOICES.map((choice) => (
        <option key={choice} value={choice}>
          {t(`for.${choice}`)}
        </option>
      ))}
    </select>
  );
}
