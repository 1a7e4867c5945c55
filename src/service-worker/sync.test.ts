import "fake-indexeddb/auto";
import superjson, { type SuperJSONResult } from "superjson";
import { describe, expect, it } from "vitest";
import { indexedDbOutboxStore, type OutboxItem } from "~/client/outbox-store";
import type { MessageDto } from "~/shared/realtime/events";
import { installSyncHandlers, syncOutbox, type SyncWorkerScope } from "./sync";

let accounts = 0;

const urlOf = (input: RequestInfo | URL) => new URL(input instanceof Request ? input.url : input instanceof URL ? input.href : input, "https://app.test");

/** The app's tRPC endpoint as the service worker sees it over fetch: account.me names the session's
 * user; message.sendBatch stores messages once per (sender, clientId), refusing chat "closed". */
function fakeServer(userId: string | null) {
  const stored = new Map<string, MessageDto>();
  const calls: string[] = [];
  let seq = 0;
  const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => Promise.resolve(respond(urlOf(input), init));
  const respond = (url: URL, init?: RequestInit): Response => {
    const path = url.pathname.replace("/api/trpc/", "");
    calls.push(path);
    if (!userId) return answer(401, { error: { json: { message: "Sign in", code: -32001, data: { code: "UNAUTHORIZED", httpStatus: 401 } } } });
    if (path === "account.me") return answer(200, { result: { data: superjson.serialize({ id: userId }) } });
    const { messages } = superjson.deserialize<{ messages: Array<{ chatId: string; clientId: string; content: string }> }>(JSON.parse(init?.body as string) as SuperJSONResult);
    const results = messages.map((input) => {
      if (input.chatId === "closed") return { ok: false, code: "FORBIDDEN", error: "Closed", retryAfter: null };
      const key = `${userId}:${input.clientId}`;
      const message = stored.get(key) ?? ({ id: key, chatId: input.chatId, seq: ++seq, senderId: userId, clientId: input.clientId, content: input.content } as MessageDto);
      stored.set(key, message);
      return { ok: true, message };
    });
    return answer(200, { result: { data: superjson.serialize(results) } });
  };
  return { fetch, stored, calls };
}

function scope(fetch: typeof globalThis.fetch, windows: unknown[] = [], locks?: SyncWorkerScope["navigator"]["locks"]) {
  const listeners: Array<(event: { tag: string; waitUntil(work: Promise<unknown>): void }) => void> = [];
  const sw: SyncWorkerScope = {
    addEventListener: (_type, listener) => void listeners.push(listener),
    clients: { matchAll: () => Promise.resolve(windows) },
    navigator: locks ? { locks } : {},
    fetch,
  };
  return { sw, listeners };
}

const item = (clientId: string, chatId: string, createdAt: number, extra: Partial<OutboxItem> = {}): OutboxItem => ({ clientId, chatId, content: `text ${clientId}`, createdAt, status: "pending", ...extra });
const fileUpload = { clientId: "f1", status: "uploading" } as NonNullable<OutboxItem["uploads"]>[number];

async function outboxOf(userId: string, items: OutboxItem[]) {
  const store = indexedDbOutboxStore(userId);
  for (const entry of items) await store.put(entry);
  return store;
}

describe("service worker: Background Sync of the outbox", () => {
  it("sends the signed-in account's queued text once, in order, and removes it; leaves files (and what follows them in that chat) for the page", async () => {
    const me = `u${++accounts}`;
    const other = `u${++accounts}`;
    const store = await outboxOf(me, [
      item("a1", "chat-a", 1),
      item("b1", "chat-b", 2, { uploads: [fileUpload] }),
      item("a2", "chat-a", 3),
      item("b2", "chat-b", 4),
      item("x1", "closed", 5),
      item("a0", "chat-a", 0, { status: "failed", error: "FORBIDDEN" }),
    ]);
    const othersStore = await outboxOf(other, [item("o1", "chat-a", 1)]);
    const server = fakeServer(me);

    expect(await syncOutbox(scope(server.fetch).sw)).toBe("sent");
    expect([...server.stored.values()].map((message) => message.clientId)).toEqual(["a1", "a2"]);
    const left = new Map((await store.all()).map((entry) => [entry.clientId, entry]));
    expect([...left.keys()].sort()).toEqual(["a0", "b1", "b2", "x1"]);
    expect(left.get("x1")).toMatchObject({ status: "failed", error: "FORBIDDEN" });
    expect(left.get("b2")?.status).toBe("pending");
    expect(await othersStore.all()).toHaveLength(1);

    // A second wake-up (or a page draining too) sends nothing twice.
    await syncOutbox(scope(server.fetch).sw);
    expect(server.stored.size).toBe(2);
  });

  it("sends under the outbox's Web Lock, reading the outbox inside it, also with a page open", async () => {
    const me = `u${++accounts}`;
    const store = await outboxOf(me, [item("l1", "chat-a", 1), item("l2", "chat-a", 2)]);
    const server = fakeServer(me);
    const held: string[] = [];
    // The page held the lock first and sent l1 meanwhile.
    const locks = {
      request: async <T,>(name: string, work: () => Promise<T>) => {
        held.push(name);
        await store.delete("l1");
        return work();
      },
    };
    expect(await syncOutbox(scope(server.fetch, [{ url: "https://app.test/" }], locks).sw)).toBe("sent");
    expect(held).toEqual([`bm-outbox:${me}`]);
    expect([...server.stored.values()].map((message) => message.clientId)).toEqual(["l2"]);
    expect(await store.all()).toEqual([]);
  });

  it("without Web Locks, leaves the outbox to an open page", async () => {
    const me = `u${++accounts}`;
    const store = await outboxOf(me, [item("p1", "chat-a", 1)]);
    const server = fakeServer(me);
    expect(await syncOutbox(scope(server.fetch, [{ url: "https://app.test/" }]).sw)).toBe("page-open");
    expect(server.calls).toEqual([]);
    expect(await store.all()).toHaveLength(1);
  });

  it("sends nothing without a session", async () => {
    const me = `u${++accounts}`;
    const store = await outboxOf(me, [item("s1", "chat-a", 1)]);
    const server = fakeServer(null);
    expect(await syncOutbox(scope(server.fetch).sw)).toBe("signed-out");
    expect(server.calls).toEqual(["account.me"]);
    expect(await store.all()).toHaveLength(1);
  });

  it("fails the sync while the server is out of reach (the browser retries it), keeping the outbox", async () => {
    const me = `u${++accounts}`;
    const store = await outboxOf(me, [item("n1", "chat-a", 1)]);
    const server = fakeServer(me);
    let up = true;
    const flaky: typeof fetch = (input, init) => {
      if (urlOf(input).pathname.endsWith("sendBatch")) up = false;
      return up ? server.fetch(input, init) : Promise.reject(new TypeError("Failed to fetch"));
    };
    await expect(syncOutbox(scope(flaky).sw)).rejects.toThrow();
    expect(await store.all()).toHaveLength(1);
  });

  it("handles the \"outbox\" sync tag only", async () => {
    const server = fakeServer(`u${++accounts}`);
    const { sw, listeners } = scope(server.fetch);
    installSyncHandlers(sw);
    const waited: Array<Promise<unknown>> = [];
    for (const tag of ["other", "outbox"]) listeners[0]!({ tag, waitUntil: (work) => void waited.push(work) });
    expect(waited).toHaveLength(1);
    await expect(waited[0]).resolves.toBe("sent");
  });
});
