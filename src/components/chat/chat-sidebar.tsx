"use client";
// The left column: "Чаты", the two ways to start a conversation, and the chat list.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { ChatList } from "./chat-list";
import { ChatListEmpty } from "./chat-list-empty";
import { PencilIcon, UsersIcon } from "./icons";
import { useMeId } from "./me-context";
import { NewChatDialog } from "./new-chat-dialog";
import { NewGroupDialog } from "./new-group-dialog";

export function ChatSidebar({ activeChatId }: { activeChatId: string | null }) {
  const t = useTranslations("home");
  const tChat = useTranslations("chat");
  const meId = useMeId();
  const [dialog, setDialog] = useState<"chat" | "group" | null>(null);

  return (
    <>
      <div className="flex flex-col gap-3 px-4 pt-4 pb-2">
        <h1 className="text-xl font-semibold tracking-tight">{t("chats")}</h1>
        <div className="relative">
          <label htmlFor="chat-search" className="sr-only">
            {t("search")}
          </label>
          <svg
            aria-hidden="true"
            viewBox="0 0 20 20"
            fill="currentColor"
            className="pointer-events-none absolute top-1/2 left-3.5 size-4 -translate-y-1/2 text-neutral-400"
          >
            <path
              fillRule="evenodd"
              d="M9 3.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11ZM2 9a7 7 0 1 1 12.45 4.39l3.08 3.08a.75.75 0 1 1-1.06 1.06l-3.08-3.08A7 7 0 0 1 2 9Z"
              clipRule="evenodd"
            />
          </svg>
          <input
            id="chat-search"
            name="search"
            type="search"
            disabled
            placeholder={t("searchPlaceholder")}
            className="h-10 w-full rounded-full bg-neutral-100 pr-4 pl-10 text-sm placeholder:text-neutral-400 disabled:cursor-not-allowed dark:bg-neutral-800 dark:placeholder:text-neutral-500"
          />
        </div>
        <div className="grid grid-cols-2 gap-2">
          <Button variant="secondary" size="sm" data-testid="new-chat-button" onClick={() => setDialog("chat")}>
            <PencilIcon />
            {tChat("newChat.button")}
          </Button>
          <Button variant="secondary" size="sm" data-testid="new-group-button" onClick={() => setDialog("group")}>
            <UsersIcon />
            {tChat("newGroup.button")}
          </Button>
        </div>
      </div>
      <nav data-testid="chat-list" aria-label={t("chats")} className="min-h-0 flex-1 overflow-y-auto">
        <ChatList meId={meId} activeChatId={activeChatId} empty={<ChatListEmpty title={t("noChats")} hint={t("noChatsHint")} />} />
      </nav>
      <NewChatDialog open={dialog === "chat"} onClose={() => setDialog(null)} />
      <NewGroupDialog open={dialog === "group"} onClose={() => setDialog(null)} meId={meId} />
    </>
  );
}
