"use client";
// The conversation: stored messages, then this chat's unsent ones. Opens at the bottom, follows new
// messages while the reader is at the bottom, loads older pages at the top without a jump, and
// marks the chat read while its newest message is on a visible screen.
import { useLocale, useTranslations } from "next-intl";
import { memo, useMemo, useRef } from "react";
import type { OutboxItem } from "~/client/outbox-store";
import type { Receipts } from "~/client/receipts";
import type { Timeline } from "~/client/timeline";
import type { MessageDto, ReplyPreview } from "~/shared/realtime/events";
import { quoteOf as freshQuote } from "../reply-quote";
import type { ChatMember } from "../chat-types";
import { sentUpTo } from "../message-status";
import { JumpToNewest } from "./jump-to-newest";
import { MessageRow, type RowContext } from "./message-row";
import { buildRows } from "./message-rows";
import { useReadOnScreen } from "./use-read-on-screen";
import { useScrollKeeper } from "./use-scroll-keeper";

export interface MessageListProps {
  meId: string;
  isGroup: boolean;
  timeline: Timeline;
  pending: OutboxItem[];
  members: ChatMember[];
  receipts: Receipts | undefined;
  nameOf: (userId: string | null) => string;
  systemText: (message: MessageDto) => string;
  loadOlder: () => Promise<void>;
  markRead: (seq: number) => void;
  /** This person's read mark for the chat, as the chat list has it. */
  readSeq: number | undefined;
  retry: (clientId: string) => void;
  discard: (clientId: string) => void;
}

export const MessageList = memo(function MessageList(props: MessageListProps) {
  const { timeline, pending, meId, members, receipts, isGroup, nameOf, systemText, retry, discard } = props;
  const t = useTranslations("chat");
  const locale = useLocale();
  // Messages one deleted "for me" stay in the timeline (sequences stay gap-free) but are not shown.
  const rows = useMemo(() => buildRows(timeline.messages.filter((message) => !message.hidden), pending, meId), [timeline.messages, pending, meId]);
  const quoteOf = useMemo(() => {
    const byId = new Map(timeline.messages.map((message) => [message.id, message]));
    return (quote: ReplyPreview) => {
      const held = byId.get(quote.id);
      return held ? { ...freshQuote(held), senderId: quote.senderId ?? held.senderId } : quote;
    };
  }, [timeline.messages]);
  const sent = useMemo(() => sentUpTo(timeline.messages), [timeline.messages]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const scroll = useScrollKeeper(scrollRef, { rows, pending, hasOlder: timeline.hasOlder, loadOlder: props.loadOlder });
  useReadOnScreen({ listRef: scrollRef, newestSeq: timeline.messages.at(-1)?.seq, markRead: props.markRead, rows, readSeq: props.readSeq });
  const context: RowContext = { meId, isGroup, locale, members, receipts, sent, nameOf, systemText, retry, discard, quoteOf };

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      {scroll.loadingOlder ? (
        <div role="status" className="absolute top-2 left-1/2 z-10 -translate-x-1/2 rounded-full bg-white/90 px-3 py-1 text-xs text-neutral-600 shadow-sm dark:bg-neutral-800/90 dark:text-neutral-300">
          {t("loadingOlder")}
        </div>
      ) : null}
      <div
        ref={scrollRef}
        data-testid="message-list"
        role="log"
        aria-label={t("messagesLabel")}
        onScroll={scroll.onScroll}
        className="relative min-h-0 flex-1 overflow-x-hidden overflow-y-auto overscroll-contain [overflow-anchor:none]"
      >
        <div className="mx-auto flex min-h-full max-w-3xl flex-col justify-end py-2">
          {rows.length === 0 ? <EmptyConversation /> : null}
          {rows.map((row) => (
            <MessageRow key={row.key} row={row} context={context} />
          ))}
        </div>
      </div>
      {scroll.showJump ? <JumpToNewest onClick={scroll.jumpToNewest} /> : null}
    </div>
  );
});

function EmptyConversation() {
  const t = useTranslations("chat");
  return (
    <div className="m-auto px-6 py-10 text-center">
      <div className="rounded-2xl bg-black/5 px-5 py-3 backdrop-blur-sm dark:bg-white/5">
        <p className="text-[15px] font-medium text-neutral-700 dark:text-neutral-200">{t("empty")}</p>
        <p className="mt-0.5 text-sm text-neutral-500 dark:text-neutral-400">{t("emptyHint")}</p>
      </div>
    </div>
  );
}
