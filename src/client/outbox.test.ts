import { describe, expect, it, vi } from "vitest";
import type { MessageDto } from "~/shared/realtime/events";
import { Outbox, type BatchOutcome } from "./outbox";
import { memoryOutboxStore, type OutboxItem } from "./outbox-store";

let ids = 0;
const dto = (item: OutboxItem, seq: number): MessageDto => ({
  id: `m-${item.clientId}`,
  chatId: item.chatId,
  seq,
  senderId: "me",
  clientId: item.clientId,
  kind: "TEXT",
  content: item.content,
  system: null,
  replyToId: null,
  createdAt: new Date().toISOString(),
  editedAt: null,
  deletedAt: null,
  attachments: [],
});

/** A fake server call: answers (or throws) like `answer`, asynchronously. */
function later<A, R>(answer: (input: A) => R): (input: A) => Promise<R> {
  return (input) => Promise.resolve(input).then(answer);
}

function setup(answer: (item: OutboxItem) => MessageDto, store = memoryOutboxStore()) {
  const sent: MessageDto[] = [];
  const outbox = new Outbox({
    store,
    send: later(answer),
    classify: (error) => ({ kind: (error as Error).message === "refused" ? "fatal" : "retry", code: (error as Error).message }),
    onChange: () => {},
    onSent: (message) => sent.push(message),
    newId: () => `id-${++ids}`,
    backoffMs: () => 5,
  });
  return { outbox, sent, store };
}

describe("Outbox", () => {
  it("sends in the order written and empties the store", async () => {
    let seq = 0;
    const { outbox, sent, store } = setup((item) => dto(item, ++seq));
    await outbox.start();
    await outbox.enqueue("c", "one");
    await outbox.enqueue("c", "two");
    await outbox.enqueue("c", "three");
    await outbox.idle();
    expect(sent.map((m) => m.content)).toEqual(["one", "two", "three"]);
    expect(await store.all()).toEqual([]);
  });

  it("keeps messages while offline and resends them with the same ids, in order, when back", async () => {
    let offline = true;
    const attempts: string[] = [];
    let seq = 0;
    const { outbox, sent, store } = setup((item) => {
      attempts.push(item.clientId);
      if (offline) throw new Error("network");
      return dto(item, ++seq);
    });
    await outbox.start();
    const a = await outbox.enqueue("c", "a");
    const b = await outbox.enqueue("c", "b");
    await outbox.idle();
    expect(sent).toEqual([]);
    expect((await store.all()).map((item) => item.status)).toEqual(["pending", "pending"]);
    // While the first is failing, the second is never sent ahead of it.
    expect(attempts.every((id) => id === a.clientId)).toBe(true);
    offline = false;
    outbox.online();
    await outbox.idle();
    await vi.waitFor(() => expect(sent.map((m) => m.clientId)).toEqual([a.clientId, b.clientId]));
  });

  it("survives a reload: a new outbox over the same store sends what was left", async () => {
    const store = memoryOutboxStore();
    const first = setup(() => {
      throw new Error("network");
    }, store);
    await first.outbox.start();
    await first.outbox.enqueue("c", "left behind");
    await first.outbox.idle();
    first.outbox.stop();

    const second = setup((item) => dto(item, 1), store);
    await second.outbox.start();
    await second.outbox.idle();
    expect(second.sent.map((m) => m.content)).toEqual(["left behind"]);
  });

  it("marks a refused message failed, goes on with the next, and can retry or delete it", async () => {
    let refuse = true;
    let seq = 0;
    const { outbox, sent, store } = setup((item) => {
      if (item.content === "bad" && refuse) throw new Error("refused");
      return dto(item, ++seq);
    });
    await outbox.start();
    const bad = await outbox.enqueue("c", "bad");
    await outbox.enqueue("c", "good");
    await outbox.idle();
    expect(sent.map((m) => m.content)).toEqual(["good"]);
    expect(outbox.list()).toMatchObject([{ clientId: bad.clientId, status: "failed", error: "refused" }]);

    refuse = false;
    await outbox.retry(bad.clientId);
    await outbox.idle();
    expect(sent.map((m) => m.content)).toEqual(["good", "bad"]);

    refuse = true;
    const other = await outbox.enqueue("c", "bad");
    await outbox.idle();
    expect(outbox.list()).toMatchObject([{ clientId: other.clientId, status: "failed" }]);
    await outbox.remove(other.clientId);
    expect(await store.all()).toEqual([]);
  });

  describe("in batches (message.sendBatch)", () => {
    function batched(
      answerBatch: (items: OutboxItem[]) => BatchOutcome[],
      answerOne: (item: OutboxItem) => MessageDto = () => {
        throw new Error("network");
      },
    ) {
      const sent: MessageDto[] = [];
      const delays: number[] = [];
      const outbox = new Outbox({
        store: memoryOutboxStore(),
        send: later(answerOne),
        sendBatch: later(answerBatch),
        batchSize: 50,
        classify: (error) => {
          const message = (error as Error).message;
          if (message.startsWith("limited:")) return { kind: "retry", code: "RATE_LIMITED", retryAfterMs: Number(message.slice(8)) };
          return { kind: message.startsWith("refused") ? "fatal" : "retry", code: message };
        },
        onChange: () => {},
        onSent: (message) => sent.push(message),
        newId: () => `id-${String(++ids).padStart(6, "0")}`,
        backoffMs: (attempt) => {
          delays.push(attempt);
          return 5;
        },
      });
      return { outbox, sent, delays };
    }

    it("50 messages queued during an outage go out in order in a couple of calls once the server answers", async () => {
      let down = true;
      const calls: number[] = [];
      let seq = 0;
      const { outbox, sent } = batched((items) => {
        if (down) throw new Error("network");
        calls.push(items.length);
        return items.map((item) => ({ message: dto(item, ++seq) }));
      });
      await outbox.start();
      // Written while the app is down: each enqueue tries and fails (one attempt per flush).
      for (let i = 0; i < 50; i++) await outbox.enqueue(i % 2 ? "a" : "b", `m${i}`);
      await outbox.idle();
      expect(sent).toEqual([]);
      down = false;
      outbox.online();
      await vi.waitFor(() => expect(sent).toHaveLength(50));
      expect(calls.length).toBeLessThanOrEqual(2);
      expect(sent.map((message) => message.content)).toEqual(Array.from({ length: 50 }, (_, i) => `m${i}`));
      expect(outbox.list()).toEqual([]);
    });

    it("a backlog over the batch size goes in ordered batches of at most 50", async () => {
      const calls: string[][] = [];
      let seq = 0;
      const { outbox, sent } = batched((items) => {
        calls.push(items.map((item) => item.content));
        return items.map((item) => ({ message: dto(item, ++seq) }));
      });
      const store = (outbox as unknown as { options: { store: ReturnType<typeof memoryOutboxStore> } }).options.store;
      for (let i = 0; i < 120; i++) await store.put({ clientId: `pre-${String(i).padStart(4, "0")}`, chatId: "c", content: `m${i}`, createdAt: 1000 + i, status: "pending" });
      await outbox.start();
      await vi.waitFor(() => expect(sent).toHaveLength(120));
      expect(calls.map((call) => call.length)).toEqual([50, 50, 20]);
      expect(calls.flat()).toEqual(Array.from({ length: 120 }, (_, i) => `m${i}`));
    });

    it("a refused message in a batch is marked failed, the others are sent", async () => {
      let seq = 0;
      const { outbox, sent } = batched((items) => items.map((item) => (item.content === "bad" ? { error: new Error("refused") } : { message: dto(item, ++seq) })));
      await outbox.start();
      for (const content of ["one", "bad", "two"]) void outbox.enqueue("c", content);
      await vi.waitFor(() => expect(sent.map((message) => message.content)).toEqual(["one", "two"]));
      expect(outbox.list()).toMatchObject([{ content: "bad", status: "failed", error: "refused" }]);
    });

    it("a rate-limited message waits retryAfter and is retried, never marked failed", async () => {
      let limitedCalls = 1;
      let seq = 0;
      const calls: string[][] = [];
      const { outbox, sent } = batched((items) => {
        calls.push(items.map((item) => item.content));
        const limited = limitedCalls-- > 0;
        // The bucket holds one token: the first is stored, the rest are told to wait 150 ms.
        return items.map((item, index) => (limited && index > 0 ? { error: new Error("limited:150") } : { message: dto(item, ++seq) }));
      });
      const store = (outbox as unknown as { options: { store: ReturnType<typeof memoryOutboxStore> } }).options.store;
      for (const [i, content] of ["a", "b", "c"].entries()) await store.put({ clientId: `rl-${i}`, chatId: "c", content, createdAt: i, status: "pending" });
      const started = Date.now();
      await outbox.start();
      await vi.waitFor(() => expect(sent.map((message) => message.content)).toEqual(["a", "b", "c"]), { timeout: 3000 });
      expect(calls).toEqual([["a", "b", "c"], ["b", "c"]]);
      expect(outbox.list()).toEqual([]);
      // It waited the server's retryAfter (150 ms) rather than the 5 ms back-off.
      expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    });

    it("a batch refused as a whole (one bad message failing the input check) falls back to one call each", async () => {
      let seq = 0;
      const single: string[] = [];
      const { outbox, sent } = batched(
        (items) => {
          if (items.some((item) => item.content === "bad")) throw new Error("refused: input");
          return items.map((item) => ({ message: dto(item, ++seq) }));
        },
        (item) => {
          single.push(item.content);
          if (item.content === "bad") throw new Error("refused");
          return dto(item, ++seq);
        },
      );
      await outbox.start();
      for (const content of ["one", "bad", "two"]) void outbox.enqueue("c", content);
      await vi.waitFor(() => expect(sent.map((message) => message.content)).toEqual(["one", "two"]));
      expect(outbox.list()).toMatchObject([{ content: "bad", status: "failed" }]);
      expect(single.length).toBeGreaterThan(0);
    });
  });
});
