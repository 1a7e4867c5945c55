"use client";
// React access to the Messenger: one per signed-in tab, created by <MessengerProvider>, seeded from
// the chat.list and chat.get queries (./query-seeds.ts), read through useMessengerState.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from "react";
import { useTRPC, useTRPCClient } from "~/trpc/react";
import { clearOfflineData } from "./offline/clear-offline-data";
import { INITIAL_MESSENGER_STATE, Messenger, type MessengerState } from "./messenger";
import { refreshPeople } from "./people-cache";
import { seedMessengerFromQueries } from "./query-seeds";

const MessengerContext = createContext<Messenger | null>(null);

/** The provider's current Messenger as a tiny external store: the effect that creates and stops it
 * publishes it here, and the provider re-renders through useSyncExternalStore. */
function messengerSlot() {
  let current: Messenger | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set: (next: Messenger | null) => {
      current = next;
      for (const listener of listeners) listener();
    },
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export function MessengerProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const api = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [slot] = useState(messengerSlot);
  const messenger = useSyncExternalStore(slot.subscribe, slot.get, () => null);

  useEffect(() => {
    const refreshList = () => void queryClient.invalidateQueries({ queryKey: trpc.chat.list.queryKey() });
    const instance = new Messenger(userId, api, {
      onUnknownChat: refreshList,
      onChatChanged: (chatId) => {
        refreshList();
        void queryClient.invalidateQueries({ queryKey: trpc.chat.get.queryKey({ chatId }) });
      },
      onChatRemoved: refreshList,
      onFriendsChanged: () => void refreshPeople(queryClient, trpc),
      onUserUpdated: (changedId) => {
        refreshList();
        void refreshPeople(queryClient, trpc);
        if (changedId === userId) void queryClient.invalidateQueries({ queryKey: trpc.account.me.queryKey() });
      },
      // Events sent while this tab had no socket are gone: refetch what they would have changed —
      // the list, friends and blocks, and chat.get, whose members carry the read/delivered marks.
      onReconnect: () => {
        refreshList();
        void refreshPeople(queryClient, trpc);
        // The shell opened on the saved account while the server was out of reach: load it now.
        void queryClient.refetchQueries({ queryKey: trpc.account.me.queryKey(), predicate: (query) => query.state.status === "error" });
      },
      // Ended elsewhere (signed out, revoked, banned): as a sign-out, forget the account's offline data.
      onSessionEnded: () => void clearOfflineData(userId).finally(() => router.replace("/sign-in")),
    });
    const stopSeeding = seedMessengerFromQueries(queryClient, trpc, instance);
    slot.set(instance);
    void instance.start().catch((error) => console.warn("realtime: could not start", error));
    return () => {
      stopSeeding();
      instance.stop();
      slot.set(null);
    };
  }, [slot, userId, api, trpc, queryClient, router]);

  return <MessengerContext.Provider value={messenger}>{children}</MessengerContext.Provider>;
}

export function useMessenger(): Messenger | null {
  return useContext(MessengerContext);
}

const noop = () => () => {};

/** Subscribes to a slice of the messenger state (re-renders only when the slice changes).
 * `select` must return a stored reference (e.g. `s => s.timelines[id]`); derive with useMemo. */
export function useMessengerState<T>(select: (state: MessengerState) => T): T {
  const messenger = useMessenger();
  return useSyncExternalStore(
    messenger?.subscribe ?? noop,
    () => select(messenger?.getState() ?? INITIAL_MESSENGER_STATE),
    () => select(INITIAL_MESSENGER_STATE),
  );
}
