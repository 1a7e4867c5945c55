// The cached queries that show how the signed-in person stands with others: refreshed after a
// friend or block action here, and on the realtime `friends:updated` event from elsewhere.
import type { QueryClient } from "@tanstack/react-query";
import type { useTRPC } from "~/trpc/react";

export function refreshPeople(queryClient: QueryClient, trpc: ReturnType<typeof useTRPC>) {
  const keys = [trpc.friend.pathKey(), trpc.people.profile.pathKey(), trpc.people.search.pathKey(), trpc.people.blocked.pathKey(), trpc.chat.get.pathKey()];
  return Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
