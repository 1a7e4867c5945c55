import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import type { AppRouter } from "~/server/api/root";
import type { Messenger } from "./messenger";
import { summary } from "./messenger-test-doubles";
import { seedMessengerFromQueries } from "./query-seeds";

function setup() {
  const queryClient = new QueryClient();
  // Never called: only the query keys are used.
  const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "http://localhost/api/trpc", transformer: superjson })] });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });
  const seeds: Array<[string, unknown]> = [];
  const messenger = {
    seedChatList: (list: unknown) => seeds.push(["list", list]),
    seedChat: (chatId: string, members: unknown) => seeds.push([chatId, members]),
  } as unknown as Messenger;
  return { queryClient, trpc, messenger, seeds };
}

describe("seedMessengerFromQueries", () => {
  it("hands the Messenger what the cache holds, then every later chat.list and chat.get answer", () => {
    const { queryClient, trpc, messenger, seeds } = setup();
    const list = [summary("c1", 1, 1, "2026-01-01T12:00:00.000Z")];
    queryClient.setQueryData(trpc.chat.list.queryKey(), list);
    const stop = seedMessengerFromQueries(queryClient, trpc, messenger);
    expect(seeds).toEqual([["list", list]]);

    const members = [{ id: "bob", lastReadSeq: 1, lastDeliveredSeq: 2 }];
    queryClient.setQueryData(trpc.chat.get.queryKey({ chatId: "c1" }), { id: "c1", members } as never);
    queryClient.setQueryData(trpc.account.me.queryKey(), { id: "me" } as never);
    expect(seeds).toEqual([
      ["list", list],
      ["c1", members],
    ]);

    stop();
    queryClient.setQueryData(trpc.chat.list.queryKey(), [] as never);
    expect(seeds).toHaveLength(2);
  });
});
