// Server fetches seed the Messenger: every chat.list and chat.get answer that lands in the TanStack
// Query cache is handed to it at once (before React renders the answer), so components read live
// chat state from the Messenger alone.
import { hashKey, type QueryClient, type QueryKey } from "@tanstack/react-query";
import type { useTRPC } from "~/trpc/react";
import type { ChatSummary, Messenger } from "./messenger";

type Trpc = ReturnType<typeof useTRPC>;
interface CachedQuery {
  queryHash: string;
  queryKey: QueryKey;
  state: { data: unknown };
}
interface ChatDetailsSeed {
  id: string;
  members: Array<{ id: string; lastReadSeq: number; lastDeliveredSeq: number }>;
}

/** Seeds what the cache holds now and every later answer; returns the unsubscribe. */
export function seedMessengerFromQueries(queryClient: QueryClient, trpc: Trpc, messenger: Messenger): () => void {
  const listHash = hashKey(trpc.chat.list.queryKey());
  const detailsPath = hashKey(trpc.chat.get.pathKey());
  const seed = (query: CachedQuery) => {
    const data = query.state.data;
    if (!data) return;
    if (query.queryHash === listHash) messenger.seedChatList(data as ChatSummary[]);
    else if (hashKey([query.queryKey[0]]) === detailsPath) {
      const details = data as ChatDetailsSeed;
      messenger.seedChat(details.id, details.members);
    }
  };
  const cache = queryClient.getQueryCache();
  for (const query of cache.getAll() as CachedQuery[]) seed(query);
  return cache.subscribe((event) => {
    if (event.type === "updated" && event.action.type === "success") seed(event.query);
  });
}
