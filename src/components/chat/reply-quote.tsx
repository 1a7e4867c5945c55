"use client";
// The quoted message above a reply's text (and above the composer while replying). The held copy of
// the original, when loaded, is fresher than the preview the reply came with (edited, deleted since).
import { useTranslations } from "next-intl";
import type { MessageDto, ReplyPreview } from "~/shared/realtime/events";
import { cn } from "~/components/ui/cn";

/** A quote from a reply's preview, or from the message itself (the composer's reply bar). */
export function quoteOf(message: MessageDto): ReplyPreview {
  return { id: message.id, senderId: message.senderId, snippet: message.content.slice(0, 100), attachmentKind: message.attachments[0]?.kind ?? null, deleted: message.deletedAt !== null };
}

export function ReplyQuote({ quote, name, onClick, className }: { quote: ReplyPreview; name: string; onClick?: () => void; className?: string }) {
  const t = useTranslations("chat.message");
  const text = quote.deleted ? t("deleted") : quote.snippet || (quote.attachmentKind ? t("attachment") : "");
  const body = (
    <>
      <span className="block truncate text-[13px] font-semibold text-accent-700 dark:text-accent-300">{name}</span>
      <span data-testid="reply-quote-text" dir="auto" className={cn("block truncate text-[13px]", quote.deleted && "italic")}>
        {text}
      </span>
    </>
  );
  const classes = cn("block max-w-full min-w-0 rounded-md border-l-[3px] border-accent-500 bg-black/[0.04] px-2 py-1 text-left dark:bg-white/[0.06]", className);
  if (!onClick) return <div className={classes}>{body}</div>;
  return (
    <button type="button" data-testid="reply-quote" onClick={onClick} className={classes}>
      {body}
    </button>
  );
}
