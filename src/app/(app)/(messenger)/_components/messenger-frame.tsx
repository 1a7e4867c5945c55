"use client";
import { useParams, useSelectedLayoutSegment } from "next/navigation";
import type { ReactNode } from "react";
import { ChatSidebar } from "~/components/chat/chat-sidebar";
import { NoticeProvider } from "~/components/chat/notice";
import { cn } from "~/components/ui/cn";

/** Two columns from 768 px; below, the list on "/" and the chat alone on /chat/[chatId]. */
export function MessengerFrame({ children }: { children: ReactNode }) {
  const chatOpen = useSelectedLayoutSegment() === "chat";
  const params = useParams<{ chatId?: string }>();
  return (
    <NoticeProvider>
      <div className="flex min-h-0 flex-1">
        <aside
          data-testid="chat-sidebar"
          className={cn(
            "w-full min-w-0 flex-col border-neutral-200 bg-white md:flex md:w-80 md:shrink-0 md:border-r lg:w-96 dark:border-neutral-800 dark:bg-neutral-900",
            chatOpen ? "hidden" : "flex",
          )}
        >
          <ChatSidebar activeChatId={chatOpen ? (params.chatId ?? null) : null} />
        </aside>
        <main className={cn("relative min-w-0 flex-1 flex-col md:flex", chatOpen ? "flex" : "hidden")}>{children}</main>
      </div>
    </NoticeProvider>
  );
}
