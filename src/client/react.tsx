"use client";
// React access to the Messenger: one per signed-in tab, created by <MessengerProvider>. Live events
// patch the TanStack Query cache of the chat list instead of refetching it per message.
import { hashKey, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import type { RouterOutputs } from "~/trpc/react";
import { useTRPC, useTRPCClient } from "~/trpc/react";
import type { MessageDto } from "~/shared/realtime/events";
import { Messenger, type MessengerState } from "./messenger";
import { refreshPeople } from "./people-cache";

type ChatList = RouterOutputs["chat"]["list"];

const MessengerContext = createContext<Messenger | null>(null);

export function MessengerProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const api = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [messenger, setMessenger] = useState<Messenger | null>(null);

  useEffect(() => {
    const listKey = trpc.chat.list.queryKey();
    const refreshList = () => void queryClient.invalidateQueries({ queryKey: listKey });
    const onMessage = (message: MessageDto) => {
      let known = true;
      queryClient.setQueryData<ChatList>(listKey, (list) => {
        if (!list) return list;
        const chat = list.find((candidate) => candidate.id === message.chatId);
        if (!chat) {
          known = false;
          return list;
        }
        if (message.seq <= (chat.lastMessage?.seq ?? 0)) return list;
        const own = message.senderId === userId;
        const updated = {
          ...chat,
          lastMessage: message,
          lastSeq: Math.max(chat.lastSeq, message.seq),
          lastMessageAt: message.createdAt,
          myLastReadSeq: own ? message.seq : chat.myLastReadSeq,
          unread: own ? 0 : chat.unread + 1,
        };
        return [updated, ...list.filter((candidate) => candidate.id !== chat.id)];
      });
      if (!known) refreshList();
    };
    const instance = new Messenger(userId, api, {
      onMessage,
      onChatChanged: (chatId) => {
        refreshList();
        void queryClient.invalidateQueries({ queryKey: trpc.chat.get.queryKey({ chatId }) });
      },
      onChatRemoved: refreshList,
      onFriendsChanged: () => void refreshPeople(queryClient, trpc),
      onUserUpdated: (changedId) => {
        refreshList();
        void refreshPeople(queryClient, trpc);
        if (changedId === userId) void queryClient.invalidateQueries({ queryKey: trpc.user.me.queryKey() });
      },
      // Events sent while this tab had no socket are gone: refetch what they would have changed —
      // the list, friends and blocks, and chat.get, whose members carry the read/delivered marks.
      onReconnect: () => {
        refreshList();
        void refreshPeople(queryClient, trpc);
      },
      onSessionEnded: () => router.replace("/sign-in"),
    });
    // Chats the list shows with unread messages were learned of on this device: ✓✓ for their senders,
    // even when the messages came before the socket joined (page loading) and never arrive over it.
    const acknowledgeList = (list: ChatList | undefined) => {
      for (const chat of list ?? []) if (chat.lastSeq > chat.myLastReadSeq) instance.acknowledgeDelivered(chat.id, chat.lastSeq);
    };
    acknowledgeList(queryClient.getQueryData<ChatList>(listKey));
    const listHash = hashKey(listKey);
    const unsubscribeList = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === "updated" && event.query.queryHash === listHash) acknowledgeList(event.query.state.data as ChatList | undefined);
    });
    setMessenger(instance);
    void instance.start().catch((error) => console.warn("realtime: could not start", error));
    return () => {
      unsubscribeList();
      instance.stop();
      setMessenger(null);
    };
  }, [userId, api, trpc, queryClient, router]);

  return <MessengerContext.Provider value={messenger}>{children}</MessengerContext.Provider>;
}

export function useMessenger(): Messenger | null {
  return useContext(MessengerContext);
}

const EMPTY_STATE: MessengerState = { connection: "connecting", timelines: {}, outbox: [], typing: {}, presence: {}, receipts: {} };
const noop = () => () => {};

/** Subscribes to a slice of the messenger state (re-renders only when the slice changes).
 * `select` must return a stored reference (e.g. `s => s.timelines[id]`); derive with useMemo. */
export function useMessengerState<T>(select: (state: MessengerState) => T): T {
  const messenger = useMessenger();
  return useSyncExternalStore(
    messenger?.subscribe ?? noop,
    () => select(messenger?.getState() ?? EMPTY_STATE),
    () => select(EMPTY_STATE),
  );
}

/** Marks a chat read up to `seq` and clears its unread badge at once. */
export function useMarkRead() {
  const messenger = useMessenger();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (chatId: string, seq: number) => {
    messenger?.markRead(chatId, seq);
    queryClient.setQueryData<ChatList>(trpc.chat.list.queryKey(), (list) =>
      list?.map((chat) => (chat.id === chatId && seq > chat.myLastReadSeq ? { ...chat, myLastReadSeq: seq, unread: Math.max(0, chat.lastSeq - seq) } : chat)),
    );
  };
}
