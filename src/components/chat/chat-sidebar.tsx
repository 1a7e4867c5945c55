"use client";
// The left column: "Чаты", the two ways to start a conversation, and the chat list.
import { useTranslations } from "next-intl";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { ChatList } from "./chat-list";
import { ChatListEmpty } from "./chat-list-empty";
import { PencilIcon, SearchIcon, UsersIcon } from "./icons";
import { useMeId } from "./me-context";
import { NewChatDialog } from "./new-chat-dialog";
import { NewGroupDialog } from "./new-group-dialog";

export function ChatSidebar({ activeChatId }: { activeChatId: string | null }) {
  const t = useTranslations("home");
  const tChat = useTranslations("chat");
  const meId = useMeId();
  const router = useRouter();
  // "/?new=chat": the installed app's "New chat" shortcut (src/app/manifest.ts).
  const shortcut = useSearchParams().get("new") === "chat";
  const [dialog, setDialog] = useState<"chat" | "group" | null>(shortcut ? "chat" : null);

  return (
    <>
      <div className="flex flex-col gap-3 px-4 pt-4 pb-2">
        <h1 className="text-xl font-semibold tracking-tight">{t("chats")}</h1>
        {/* Finding people to talk to: Enter opens the people search with this text. */}
        <form
          role="search"
          className="relative"
          onSubmit={(event) => {
            event.preventDefault();
            const typed = new FormData(event.currentTarget).get("q");
            const query = typeof typed === "string" ? typed.trim() : "";
            router.push(query ? `/people?q=${encodeURIComponent(query)}` : "/people");
          }}
        >
          <label htmlFor="chat-search" className="sr-only">
            {t("search")}
          </label>
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3.5 size-4 -translate-y-1/2 text-neutral-400" />
          <input
            id="chat-search"
            name="q"
            type="search"
            data-testid="sidebar-search"
            autoComplete="off"
            maxLength={64}
            placeholder={t("searchPlaceholder")}
            className="h-10 w-full rounded-full bg-neutral-100 pr-4 pl-10 text-sm placeholder:text-neutral-400 dark:bg-neutral-800 dark:placeholder:text-neutral-500"
          />
        </form>
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
      <NewChatDialog
        open={dialog === "chat"}
        onClose={() => {
          setDialog(null);
          if (shortcut) router.replace("/");
        }}
      />
      <NewGroupDialog open={dialog === "group"} onClose={() => setDialog(null)} meId={meId} />
    </>
  );
}
