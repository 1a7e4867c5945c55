"use client";
// The conversation: stored messages, then this chat's unsent ones. Opens at the bottom, follows new
// messages while the reader is at the bottom, loads older pages at the top without a jump, and
// marks the chat read while its newest message is on a visible screen.
import { useLocale, useTranslations } from "next-intl";
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { Receipts } from "~/client/messenger";
import type { OutboxItem } from "~/client/outbox-store";
import type { Timeline } from "~/client/timeline";
import { avatarColour } from "~/components/avatar";
import { cn } from "~/components/ui/cn";
import type { MessageDto } from "~/shared/realtime/events";
import { dayKey, daysAgo, formatDay } from "./format";
import { MessageBubble, outboxStatus, SystemLine } from "./message-bubble";
import { readers, sentUpTo, storedStatus } from "./message-status";
import type { ChatMember } from "./people";

type Row =
  | { type: "day"; key: string; iso: string }
  | { type: "message"; key: string; message: MessageDto; first: boolean; tail: boolean }
  | { type: "pending"; key: string; item: OutboxItem; iso: string; first: boolean; tail: boolean };

interface Entry {
  key: string;
  iso: string;
  /** null for system messages. */
  senderId: string | null;
  message?: MessageDto;
  item?: OutboxItem;
}

/** Rows in order, with day separators and runs of one sender's messages. */
function buildRows(messages: MessageDto[], pending: OutboxItem[], meId: string): Row[] {
  const entries: Entry[] = [
    ...messages.map((message) => ({
      // Own messages keep their row from "sending" to stored: keyed by clientId.
      key: message.clientId && message.senderId === meId ? `c:${message.clientId}` : message.id,
      iso: message.createdAt,
      senderId: message.kind === "SYSTEM" ? null : message.senderId,
      message,
    })),
    ...pending.map((item) => ({ key: `c:${item.clientId}`, iso: new Date(item.createdAt).toISOString(), senderId: meId, item })),
  ];
  const rows: Row[] = [];
  entries.forEach((entry, index) => {
    const previous = entries[index - 1];
    const next = entries[index + 1];
    const day = dayKey(entry.iso);
    if (!previous || dayKey(previous.iso) !== day) rows.push({ type: "day", key: `d:${day}`, iso: entry.iso });
    const first = !previous || previous.senderId !== entry.senderId || dayKey(previous.iso) !== day;
    const tail = !next || next.senderId !== entry.senderId || dayKey(next.iso) !== day;
    if (entry.message) rows.push({ type: "message", key: entry.key, message: entry.message, first, tail });
    else if (entry.item) rows.push({ type: "pending", key: entry.key, item: entry.item, iso: entry.iso, first, tail });
  });
  return rows;
}

/** A sender's name takes the colour of their avatar (class names spelled out for Tailwind). */
const NAME_COLOURS: Record<string, string> = {
  "bg-rose-700": "text-rose-700 dark:text-rose-400",
  "bg-orange-700": "text-orange-700 dark:text-orange-400",
  "bg-amber-700": "text-amber-700 dark:text-amber-400",
  "bg-emerald-700": "text-emerald-700 dark:text-emerald-400",
  "bg-teal-700": "text-teal-700 dark:text-teal-400",
  "bg-sky-700": "text-sky-700 dark:text-sky-400",
  "bg-indigo-600": "text-indigo-700 dark:text-indigo-400",
  "bg-violet-600": "text-violet-700 dark:text-violet-400",
  "bg-pink-700": "text-pink-700 dark:text-pink-400",
};

const NEAR_BOTTOM_PX = 80;
const LOAD_OLDER_PX = 400;

export interface MessageListProps {
  chatId: string;
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
  /** The chat list's read mark for this chat: a list refetch can bring back a badge already cleared. */
  listReadSeq: number | undefined;
  retry: (clientId: string) => void;
  discard: (clientId: string) => void;
}

export const MessageList = memo(function MessageList(props: MessageListProps) {
  const { timeline, pending, meId, members, receipts, isGroup, nameOf } = props;
  const t = useTranslations("chat");
  const locale = useLocale();
  const rows = useMemo(() => buildRows(timeline.messages, pending, meId), [timeline.messages, pending, meId]);
  const newest = timeline.messages.at(-1);
  const sent = useMemo(() => sentUpTo(timeline.messages), [timeline.messages]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [showJump, setShowJump] = useState(false);
  const anchor = useRef<{ key: string; top: number } | null>(null);
  const placed = useRef(false);
  const lastOwnPending = useRef<string | undefined>(pending.at(-1)?.clientId);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const loadingRef = useRef(false);
  const hasOlder = timeline.hasOlder;

  // Kept in refs so the observers below are not rebuilt on every render.
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });

  const maybeLoadOlder = useCallback(() => {
    const list = scrollRef.current;
    if (!list || !hasOlder || loadingRef.current || list.scrollTop > LOAD_OLDER_PX) return;
    loadingRef.current = true;
    setLoadingOlder(true);
    latest.current
      .loadOlder()
      .catch(() => undefined)
      .finally(() => {
        loadingRef.current = false;
        setLoadingOlder(false);
      });
  }, [hasOlder]);

  const onScroll = () => {
    const list = scrollRef.current;
    if (!list) return;
    atBottom.current = list.scrollHeight - list.scrollTop - list.clientHeight < NEAR_BOTTOM_PX;
    setShowJump(!atBottom.current);
    maybeLoadOlder();
  };

  useLayoutEffect(() => {
    const list = scrollRef.current;
    if (!list) return;
    const ownSent = pending.at(-1)?.clientId;
    const sentNow = ownSent !== undefined && ownSent !== lastOwnPending.current;
    lastOwnPending.current = ownSent;
    if (!placed.current) {
      // Opening the chat: start at the newest message.
      list.scrollTop = list.scrollHeight;
      placed.current = true;
    } else {
      // An older page went in above: keep the first message where it was on screen.
      const before = anchor.current;
      const node = before ? list.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(before.key)}"]`) : null;
      if (before && node && node.offsetTop !== before.top) list.scrollTop += node.offsetTop - before.top;
      if (atBottom.current || sentNow) list.scrollTop = list.scrollHeight;
    }
    const first = list.querySelector<HTMLElement>("[data-row-key]");
    anchor.current = first ? { key: first.dataset.rowKey!, top: first.offsetTop } : null;
    atBottom.current = list.scrollHeight - list.scrollTop - list.clientHeight < NEAR_BOTTOM_PX;
    setShowJump(!atBottom.current);
    maybeLoadOlder();
  }, [rows, pending, maybeLoadOlder]);

  // The composer growing, the keyboard opening or the window resizing keeps the bottom in view.
  useEffect(() => {
    const list = scrollRef.current;
    if (!list) return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) list.scrollTop = list.scrollHeight;
    });
    observer.observe(list);
    return () => observer.disconnect();
  }, []);

  // Read: the newest message is on screen and the tab is visible.
  const newestSeq = newest?.seq;
  useEffect(() => {
    const list = scrollRef.current;
    const node = newestSeq === undefined ? null : list?.querySelector<HTMLElement>(`[data-seq="${newestSeq}"]`);
    if (!list || !node || newestSeq === undefined) return;
    let onScreen = false;
    const check = () => {
      if (onScreen && document.visibilityState === "visible") latest.current.markRead(newestSeq);
    };
    const observer = new IntersectionObserver(
      (entries) => {
        onScreen = entries.some((entry) => entry.isIntersecting);
        check();
      },
      { root: list },
    );
    observer.observe(node);
    document.addEventListener("visibilitychange", check);
    window.addEventListener("focus", check);
    return () => {
      observer.disconnect();
      document.removeEventListener("visibilitychange", check);
      window.removeEventListener("focus", check);
    };
  }, [newestSeq, rows, props.listReadSeq]);

  const senderColour = (userId: string | null) => NAME_COLOURS[avatarColour(userId ?? "")] ?? "text-accent-600 dark:text-accent-400";

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      {loadingOlder ? (
        <div role="status" className="absolute top-2 left-1/2 z-10 -translate-x-1/2 rounded-full bg-white/90 px-3 py-1 text-xs text-neutral-600 shadow-sm dark:bg-neutral-800/90 dark:text-neutral-300">
          {t("loadingOlder")}
        </div>
      ) : null}
      <div
        ref={scrollRef}
        data-testid="message-list"
        role="log"
        aria-label={t("messagesLabel")}
        onScroll={onScroll}
        className="relative min-h-0 flex-1 overflow-x-hidden overflow-y-auto overscroll-contain [overflow-anchor:none]"
      >
        <div className="mx-auto flex min-h-full max-w-3xl flex-col justify-end py-2">
          {rows.length === 0 ? (
            <div className="m-auto px-6 py-10 text-center">
              <div className="rounded-2xl bg-black/5 px-5 py-3 backdrop-blur-sm dark:bg-white/5">
                <p className="text-[15px] font-medium text-neutral-700 dark:text-neutral-200">{t("empty")}</p>
                <p className="mt-0.5 text-sm text-neutral-500 dark:text-neutral-400">{t("emptyHint")}</p>
              </div>
            </div>
          ) : null}
          {rows.map((row) => {
            if (row.type === "day") return <DaySeparator key={row.key} iso={row.iso} locale={locale} />;
            if (row.type === "pending") {
              const failed = row.item.status === "failed";
              return (
                <MessageBubble
                  key={row.key}
                  rowKey={row.key}
                  own
                  clientId={row.item.clientId}
                  content={row.item.content}
                  createdAt={row.iso}
                  status={outboxStatus(row.item)}
                  tail={row.tail}
                  failure={
                    failed
                      ? { code: row.item.error, onRetry: () => props.retry(row.item.clientId), onDiscard: () => props.discard(row.item.clientId) }
                      : undefined
                  }
                />
              );
            }
            const { message } = row;
            if (message.kind === "SYSTEM") return <SystemLine key={row.key} message={message} text={props.systemText(message)} />;
            const own = message.senderId === meId;
            return (
              <MessageBubble
                key={row.key}
                rowKey={row.key}
                own={own}
                seq={message.seq}
                clientId={message.clientId}
                content={message.content}
                deleted={message.deletedAt !== null}
                createdAt={message.createdAt}
                tail={row.tail}
                senderName={isGroup && !own && row.first ? nameOf(message.senderId) : undefined}
                senderColour={senderColour(message.senderId)}
                status={own ? storedStatus(message, meId, members, receipts, sent) : undefined}
                readBy={own && isGroup ? readers(message, meId, members, receipts, sent).map((member) => nameOf(member.id)) : null}
              />
            );
          })}
        </div>
      </div>
      {showJump ? (
        <button
          type="button"
          aria-label={t("toNewest")}
          title={t("toNewest")}
          onClick={() => {
            const list = scrollRef.current;
            list?.scrollTo({ top: list.scrollHeight, behavior: "smooth" });
          }}
          className={cn(
            "absolute right-4 bottom-4 inline-flex size-11 items-center justify-center rounded-full bg-white text-neutral-600 shadow-md ring-1 ring-black/5 transition-colors hover:text-neutral-900",
            "dark:bg-neutral-800 dark:text-neutral-300 dark:ring-white/10 dark:hover:text-white",
          )}
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
            <path
              fillRule="evenodd"
              d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.06l3.71-3.83a.75.75 0 1 1 1.08 1.04l-4.25 4.39a.75.75 0 0 1-1.08 0L5.21 8.27a.75.75 0 0 1 .02-1.06Z"
              clipRule="evenodd"
            />
          </svg>
        </button>
      ) : null}
    </div>
  );
});

function DaySeparator({ iso, locale }: { iso: string; locale: string }) {
  const t = useTranslations("chat");
  const ago = daysAgo(new Date(iso));
  const label = ago === 0 ? t("today") : ago === 1 ? t("yesterday") : formatDay(iso, locale);
  return (
    <div className="sticky top-1 z-[1] flex justify-center py-1.5">
      <span className="rounded-full bg-black/20 px-2.5 py-0.5 text-xs font-medium text-white backdrop-blur-sm dark:bg-white/10 dark:text-neutral-200">{label}</span>
    </div>
  );
}
