"use client";
// Above the message box: the message being replied to or edited, with a cancel button; or why a
// change was refused.
import { useTranslations } from "next-intl";
import { useConversation } from "./conversation-actions";
import { ReplyQuote, quoteOf } from "./reply-quote";

export function ComposerContextBar() {
  const t = useTranslations("chat.message");
  const conversation = useConversation();
  if (!conversation) return null;
  const { replyTo, editing, failed } = conversation;
  const target = replyTo ?? editing;
  return (
    <>
      {failed ? (
        <p role="alert" data-testid="message-change-failed" className="mx-auto mb-1 max-w-3xl px-2 text-xs text-red-600 dark:text-red-400">
          {t("changeFailed")}
        </p>
      ) : null}
      {target ? (
        <div data-testid={replyTo ? "reply-bar" : "edit-bar"} className="mx-auto mb-2 flex max-w-3xl items-center gap-2 px-1">
          <ReplyQuote
            className="flex-1"
            quote={quoteOf(target)}
            name={replyTo ? t("replyingTo", { name: conversation.nameOf(target.senderId) }) : t("editing")}
            onClick={() => void conversation.jumpTo(target.id)}
          />
          <button
            type="button"
            data-testid="composer-context-cancel"
            aria-label={replyTo ? t("cancelReply") : t("cancelEdit")}
            title={replyTo ? t("cancelReply") : t("cancelEdit")}
            onClick={conversation.cancel}
            className="inline-flex size-8 shrink-0 items-center justify-center rounded-full text-neutral-500 hover:bg-neutral-100 dark:text-neutral-400 dark:hover:bg-neutral-800"
          >
            <span aria-hidden="true">✕</span>
          </button>
        </div>
      ) : null}
    </>
  );
}
