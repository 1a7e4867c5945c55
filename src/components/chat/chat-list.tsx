"use client";
// The chat list: newest activity first. chat.list fetches it; the Messenger holds it live.
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import type { ReactNode } from "react";
import { useMessengerState } from "~/client/react";
import { Avatar } from "~/components/avatar";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { useTRPC } from "~/trpc/react";
import { formatListTime } from "./format";
import type { ChatSummary } from "./chat-types";
import { useChatTitle } from "./person-names";
import { useSystemSummary } from "./system-text";

export function ChatList({ meId, activeChatId, empty }: { meId: string; activeChatId: string | null; empty: ReactNode }) {
  const t = useTranslations("chat");
  const trpc = useTRPC();
  const list = useQuery(trpc.chat.list.queryOptions());
  const chats = useMessengerState((state) => state.chats);

  // The saved list stays on screen when the server cannot be reached.
  if (list.isError && !chats) return <ChatListFailed onRetry={() => void list.refetch()} />;
  if (!chats) {
    return (
      <div role="status" aria-live="polite" className="flex flex-col gap-1 px-2 py-2">
        <span className="sr-only">{t("listLoading")}</span>
        {[0, 1, 2, 3].map((index) => (
          <div key={index} className="flex animate-pulse items-center gap-3 rounded-xl px-2 py-2.5">
            <div className="size-12 rounded-full bg-neutral-200 dark:bg-neutral-800" />
            <div className="flex flex-1 flex-col gap-2">
              <div className="h-3.5 w-2/5 rounded bg-neutral-200 dark:bg-neutral-800" />
              <div className="h-3 w-3/4 rounded bg-neutral-200/70 dark:bg-neutral-800/70" />
            </div>
          </div>
        ))}
      </div>
    );
  }
  if (chats.length === 0) return <>{empty}</>;
  return (
    <ul aria-label={t("listLabel")} className="flex flex-col gap-0.5 px-2 py-1.5">
      {chats.map((chat) => (
        <li key={chat.id}>
          <ChatListItem chat={chat} meId={meId} active={chat.id === activeChatId} />
        </li>
      ))}
    </ul>
  );
}

function ChatListFailed({ onRetry }: { onRetry: () => void }) {
  const t = useTranslations("chat");
  return (
    <div className="flex flex-col items-center gap-3 px-6 py-10 text-center">
      <p className="text-sm text-neutral-600 dark:text-neutral-300">{t("listFailed")}</p>
      <Button variant="secondary" size="sm" onClick={onRetry}>
        {t("retry")}
      </Button>
    </div>
  );
}

function ChatListItem({ chat, meId, active }: { chat: ChatSummary; meId: string; active: boolean }) {
  const t = useTranslations("chat");
  const locale = useLocale();
  const chatTitle = useChatTitle();
  const summary = useSystemSummary();
  const title = chatTitle(chat);
  const last = chat.lastMessage;
  const preview = !last
    ? t("noMessages")
    : last.kind === "SYSTEM"
      ? summary(last.system)
      : last.deletedAt
        ? t("deletedMessage")
        : last.content;
  const own = last?.kind === "TEXT" && last.senderId === meId;
  const avatar =
    chat.type === "DIRECT" ? (
      <Avatar name={chat.peer?.displayName || title} seed={chat.peer?.id ?? chat.id} url={chat.peer?.avatarUrl} size="lg" className="size-12 text-base" />
    ) : (
      <Avatar name={title} seed={chat.id} url={chat.avatarUrl} size="lg" className="size-12 text-base" />
    );

  return (
    <Link
      href={`/chat/${chat.id}`}
      data-testid="chat-list-item"
      data-chat-id={chat.id}
      data-unread={chat.unread}
      aria-current={active ? "page" : undefined}
      className={cn(
        "flex items-center gap-3 rounded-xl px-2 py-2 transition-colors",
        active ? "bg-accent-500 text-white" : "hover:bg-neutral-100 dark:hover:bg-neutral-800/70",
      )}
    >
      {avatar}
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline gap-2">
          <p className="flex min-w-0 flex-1 items-center gap-1.5 truncate text-[15px] font-semibold">
            {chat.type === "GROUP" ? (
              <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className={cn("size-3.5 shrink-0", active ? "text-white/80" : "text-neutral-400")}>
                <path d="M7 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM14.5 9a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM1.6 15.94A6 6 0 0 1 12.4 13.3a7.5 7.5 0 0 1 .6 2.95.75.75 0 0 1-.75.75H2.35a.75.75 0 0 1-.75-.75v-.31ZM14.25 17h3.4a.75.75 0 0 0 .75-.75 4.5 4.5 0 0 0-5.4-4.4 8.9 8.9 0 0 1 1.25 4.4V17Z" />
              </svg>
            ) : null}
            <span data-testid="chat-list-title" dir="auto" className="truncate">
              {title}
            </span>
          </p>
          <time
            dateTime={chat.lastMessageAt}
            className={cn("shrink-0 text-xs tabular-nums", active ? "text-white" : "text-neutral-500 dark:text-neutral-400")}
          >
            {formatListTime(chat.lastMessageAt, locale)}
          </time>
        </div>
        <div className="mt-0.5 flex items-center gap-2">
          <p
            data-testid="chat-list-preview"
            dir="auto"
            className={cn("min-w-0 flex-1 truncate text-sm", active ? "text-white" : "text-neutral-500 dark:text-neutral-400", last?.kind === "SYSTEM" && "italic")}
          >
            {own ? <span className={active ? "text-white" : "text-neutral-800 dark:text-neutral-200"}>{t("you")} </span> : null}
            {preview}
          </p>
          {chat.unread > 0 ? (
            <span
              data-testid="chat-unread"
              aria-label={t("unread", { count: chat.unread })}
              className={cn(
                "inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full px-1.5 text-xs font-semibold tabular-nums",
                active ? "bg-white text-accent-600" : "bg-accent-500 text-white",
              )}
            >
              {chat.unread > 999 ? "999+" : chat.unread}
            </span>
          ) : null}
        </div>
      </div>
    </Link>
  );
}
