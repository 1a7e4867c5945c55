"use client";
// In place of the composer when a block stands between the two people of a direct chat: the
// history stays readable, the reason is said, and the one who blocked can undo it here.
import { useTranslations } from "next-intl";
import { FormError } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { usePersonActions } from "~/components/people/use-person-actions";

export function ChatClosed({ peerId, byMe }: { peerId: string; byMe: boolean }) {
  const t = useTranslations("chat.closed");
  const { run, pending, error } = usePersonActions(peerId);
  return (
    <div
      data-testid="chat-closed"
      data-reason={byMe ? "blocked-by-me" : "blocked-by-them"}
      className="flex shrink-0 flex-col items-center gap-2 border-t border-neutral-200 bg-white/95 px-4 py-3 text-center dark:border-neutral-800 dark:bg-neutral-900/95"
    >
      <p className="text-sm text-neutral-600 dark:text-neutral-300">{byMe ? t("byMe") : t("byThem")}</p>
      {byMe ? (
        <Button size="sm" variant="secondary" data-testid="chat-unblock" disabled={pending !== null} onClick={() => run("unblock")}>
          {t("unblock")}
        </Button>
      ) : null}
      {error ? <FormError>{error}</FormError> : null}
    </div>
  );
}
