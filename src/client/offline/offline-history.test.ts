import { IDBFactory } from "fake-indexeddb";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ChatSummary } from "../chat-summaries";
import { message } from "../messenger-test-doubles";
import { indexedDbOutboxStore } from "../outbox-store";
import { timelineFromPage, type Timeline } from "../timeline";
import { clearOfflineData } from "./clear-offline-data";
import { historyDatabaseName, indexedDbHistoryStore, type HistoryStore } from "./history-store";
import { OfflineHistory, type HistorySource } from "./offline-history";
import { SAVED_CHATS_LIMIT, SAVED_MESSAGES_LIMIT } from "./saved-history";

const msg = (chatId: string, seq: number) => message(chatId, seq, "peer", { id: `${chatId}-${seq}` });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);
const timelineOf = (chatId: string, count: number): Timeline =>
  timelineFromPage({ messages: range(1, count).map((seq) => msg(chatId, seq)), hasMore: false, lastSeq: count });
/** Chat list entries, newest activity first: chat-0 is the most recent. */
const summaries = (count: number) => range(0, count - 1).map((index) => ({ id: `chat-${index}`, lastSeq: 1 }) as unknown as ChatSummary);

/** A store that counts its writes. */
function counting(store: HistoryStore) {
  const writes: Array<Parameters<HistoryStore["write"]>[0]> = [];
  return {
    writes,
    store: { ...store, write: (batch: Parameters<HistoryStore["write"]>[0]) => (writes.push(batch), store.write(batch)) } satisfies HistoryStore,
  };
}

describe("the saved history (IndexedDB, write-behind)", () => {
  let factory: IDBFactory;
  beforeEach(() => {
    factory = new IDBFactory();
  });

  it("batches many state changes into one write a moment later, and a new page reads it back", async () => {
    const { store, writes } = counting(indexedDbHistoryStore("u1", factory));
    const history = new OfflineHistory("u1", store, 20);
    const chats = summaries(2);
    for (const count of [1, 2, 3]) history.observe({ chats, timelines: { "chat-0": timelineOf("chat-0", count) }, receipts: {} });
    expect(writes).toHaveLength(0);
    await vi.waitFor(() => expect(writes).toHaveLength(1));
    await history.close();
    expect(writes).toHaveLength(1);

    const reopened = new OfflineHistory("u1", indexedDbHistoryStore("u1", factory));
    expect((await reopened.chats())?.map((chat) => chat.id)).toEqual(["chat-0", "chat-1"]);
    const saved = await reopened.chat("chat-0");
    expect(saved?.timeline.messages.map((message) => message.seq)).toEqual([1, 2, 3]);
    expect(await reopened.chat("chat-1")).toBeUndefined();
    reopened.stop();
  });

  it("writes only what changed: an unchanged timeline is not written again", async () => {
    const { store, writes } = counting(indexedDbHistoryStore("u1", factory));
    const history = new OfflineHistory("u1", store, 10);
    const chats = summaries(2);
    const first = timelineOf("chat-0", 3);
    const source: HistorySource = { chats, timelines: { "chat-0": first, "chat-1": timelineOf("chat-1", 2) }, receipts: {} };
    history.observe(source);
    await history.flush();
    const receipts = { peer: { lastReadSeq: 3, lastDeliveredSeq: 3 } };
    history.observe({ ...source, timelines: { ...source.timelines, "chat-0": timelineOf("chat-0", 4) }, receipts: { "chat-1": receipts } });
    await history.flush();
    expect(writes[1]?.chats).toBeUndefined();
    expect(writes[1]?.put.map((chat) => chat.chatId).sort()).toEqual(["chat-0", "chat-1"]);
    history.observe({ ...source, timelines: { ...source.timelines, "chat-0": timelineOf("chat-0", 4) }, receipts: { "chat-1": receipts } });
    await history.close();
    expect((await indexedDbHistoryStore("u1", factory).chat("chat-1"))?.receipts).toEqual(receipts);
  });

  it(`keeps the newest ${SAVED_MESSAGES_LIMIT} messages of the ${SAVED_CHATS_LIMIT} chats of latest activity, and drops the rest`, async () => {
    const history = new OfflineHistory("u1", indexedDbHistoryStore("u1", factory), 10);
    const chats = summaries(SAVED_CHATS_LIMIT + 5);
    const timelines = Object.fromEntries(chats.map((chat) => [chat.id, timelineOf(chat.id, 3)]));
    timelines["chat-0"] = timelineOf("chat-0", SAVED_MESSAGES_LIMIT + 50);
    history.observe({ chats, timelines, receipts: {} });
    await history.flush();

    const reader = indexedDbHistoryStore("u1", factory);
    const long = await reader.chat("chat-0");
    expect(long?.timeline.messages).toHaveLength(SAVED_MESSAGES_LIMIT);
    expect(long?.timeline).toMatchObject({ oldestSeq: 51, newestSeq: SAVED_MESSAGES_LIMIT + 50, hasOlder: true });
    expect(await reader.chat(`chat-${SAVED_CHATS_LIMIT - 1}`)).toBeDefined();
    expect(await reader.chat(`chat-${SAVED_CHATS_LIMIT}`)).toBeUndefined();

    // chat-2 falls out of the 50 (new activity elsewhere moved the others up): its history is evicted.
    const moved = [...chats.filter((chat) => chat.id !== "chat-2"), chats[2]!];
    history.observe({ chats: moved, timelines, receipts: {} });
    await history.close();
    expect(await reader.chat("chat-2")).toBeUndefined();
    expect(await reader.chat(`chat-${SAVED_CHATS_LIMIT}`)).toBeDefined();
    reader.close();
  });

  it("clearOfflineData deletes the account's history and outbox, stops its writes, and leaves other accounts alone", async () => {
    vi.stubGlobal("indexedDB", factory);
    try {
      const history = new OfflineHistory("u1", indexedDbHistoryStore("u1", factory), 10_000);
      history.observe({ chats: summaries(1), timelines: { "chat-0": timelineOf("chat-0", 2) }, receipts: {} });
      await history.flush();
      await indexedDbOutboxStore("u1").put({ clientId: "c1", chatId: "chat-0", content: "unsent", createdAt: 1, status: "pending" }, new Map([["f1", new Blob(["x"])]]));
      const other = new OfflineHistory("u2", indexedDbHistoryStore("u2", factory), 10);
      other.observe({ chats: summaries(1), timelines: {}, receipts: {} });
      await other.close();

      history.observe({ chats: summaries(2), timelines: {}, receipts: {} });
      await clearOfflineData("u1", factory);
      await history.flush();

      const names = (await factory.databases()).map((database) => database.name);
      expect(names).not.toContain(historyDatabaseName("u1"));
      expect(names).not.toContain("brainmessenger:u1");
      expect(names).toContain(historyDatabaseName("u2"));
      expect(await indexedDbOutboxStore("u1").all()).toEqual([]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
