import { describe, expect, it, vi } from "vitest";
import type { MessageDto } from "~/shared/realtime/events";
import { Outbox, type OutboxOptions } from "./outbox";
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
});

function setup(send: OutboxOptions["send"], store = memoryOutboxStore()) {
  const sent: MessageDto[] = [];
  const outbox = new Outbox({
    store,
    send,
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
    const { outbox, sent, store } = setup(async (item) => dto(item, ++seq));
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
    const { outbox, sent, store } = setup(async (item) => {
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
    const first = setup(async () => {
      throw new Error("network");
    }, store);
    await first.outbox.start();
    await first.outbox.enqueue("c", "left behind");
    await first.outbox.idle();
    first.outbox.stop();

    const second = setup(async (item) => dto(item, 1), store);
    await second.outbox.start();
    await second.outbox.idle();
    expect(second.sent.map((m) => m.content)).toEqual(["left behind"]);
  });

  it("marks a refused message failed, goes on with the next, and can retry or delete it", async () => {
    let refuse = true;
    let seq = 0;
    const { outbox, sent, store } = setup(async (item) => {
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
});
