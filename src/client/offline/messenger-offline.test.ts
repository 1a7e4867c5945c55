import { IDBFactory } from "fake-indexeddb";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { FakeServer, message, startMessenger, summary } from "../messenger-test-doubles";
import { timelineFromPage } from "../timeline";
import { indexedDbHistoryStore } from "./history-store";

const seqsOf = (state: { timelines: Record<string, { messages: Array<{ seq: number }> }> }, chatId: string) => state.timelines[chatId]?.messages.map((entry) => entry.seq);

describe("Messenger: the saved history", () => {
  let factory: IDBFactory;
  const history = () => indexedDbHistoryStore("me", factory);
  beforeEach(() => {
    factory = new IDBFactory();
  });

  it("a new page shows what the last one saved, with the server out of reach, then reconciles with it", async () => {
    // The first page: the chat list and a chat's messages, live, then the page closes.
    const server = new FakeServer();
    server.store(message("c1", 1, "bob"), message("c1", 2, "me"), message("c1", 3, "bob"));
    const first = await startMessenger({}, { history: history() }, server);
    first.messenger.seedChatList([summary("c1", 3, 3, "2026-01-01T12:00:03.000Z")]);
    await first.messenger.openChat("c1");
    first.connect();
    server.store(message("c1", 4, "bob"));
    first.socket.deliver("message:new", server.messages.get("c1")!.at(-1));
    first.messenger.stop();

    // The next page opens while the server is down: the saved copy, marked as saved.
    server.down = true;
    const next = await startMessenger({}, { history: history() }, server);
    await vi.waitFor(() => expect(next.messenger.getState().chats?.map((chat) => chat.id)).toEqual(["c1"]));
    expect(next.messenger.getState().chats?.[0]?.lastSeq).toBe(4);
    expect(next.messenger.getState().savedData).toBe(true);
    await expect(next.messenger.openChat("c1")).rejects.toThrow("fetch failed");
    expect(seqsOf(next.messenger.getState(), "c1")).toEqual([1, 2, 3, 4]);

    // The server is back: its list replaces the saved one, the chat is reconciled from its newest page.
    server.down = false;
    server.store(message("c1", 5, "bob"));
    next.messenger.seedChatList([summary("c1", 5, 3, "2026-01-01T12:00:05.000Z")]);
    expect(next.messenger.getState().savedData).toBe(false);
    expect(next.messenger.getState().chats?.[0]?.lastSeq).toBe(5);
    next.connect();
    await vi.waitFor(() => expect(seqsOf(next.messenger.getState(), "c1")).toEqual([1, 2, 3, 4, 5]));
    expect(server.historyCalls.at(-1)).toEqual({ chatId: "c1", limit: 50 });
    next.messenger.stop();
  });

  it("a saved chat that the server has moved far past is replaced by the server's newest page", async () => {
    const store = history();
    await store.write({ put: [{ chatId: "c1", timeline: timelineFromPage({ messages: [message("c1", 1, "bob"), message("c1", 2, "bob")], hasMore: false, lastSeq: 2 }) }] });
    const server = new FakeServer();
    server.store(...Array.from({ length: 120 }, (_, index) => message("c1", index + 1, "bob")));
    const { messenger } = await startMessenger({}, { history: history() }, server);
    await messenger.openChat("c1");
    expect(seqsOf(messenger.getState(), "c1")).toEqual(Array.from({ length: 50 }, (_, index) => index + 71));
    expect(messenger.getState().timelines.c1?.hasOlder).toBe(true);
    messenger.stop();
  });
});
