// Background Sync of the outbox: when the connection returns, the browser wakes the service worker
// with the "outbox" tag (registered by a tab that queued a message offline) and it sends what the
// signed-in account left unsent, even if every tab has since closed. Text (and files already
// stored) goes through message.sendBatch, the same HTTP tRPC endpoint and cookies as the page;
// a message with files still to upload is left for the page. It sends under the outbox's Web Lock, the
// one tabs flush under, reading the outbox inside it: what a tab sent is gone by then, so nothing goes
// twice (and the server dedupes by (sender, clientId) anyway). Without Web Locks it leaves the outbox
// to any open tab.
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { OUTBOX_SYNC_TAG } from "~/client/offline/background-sync";
import type { BatchOutcome } from "~/client/outbox";
import { indexedDbOutboxStore, outboxLockName, type OutboxItem, type OutboxStore } from "~/client/outbox-store";
import { outboxTransport } from "~/client/outbox-transport";
import type { AppRouter } from "~/server/api/root";
import { SEND_BATCH_MAX } from "~/shared/api-limits";

interface SyncEvent {
  tag: string;
  waitUntil(work: Promise<unknown>): void;
}

/** What this module needs of the ServiceWorkerGlobalScope (the main tsconfig has no webworker lib). */
export interface SyncWorkerScope {
  addEventListener(type: "sync", listener: (event: SyncEvent) => void): void;
  clients: { matchAll(options: { type: "window" }): Promise<readonly unknown[]> };
  navigator: { locks?: { request<T>(name: string, work: () => Promise<T>): Promise<T> } };
  fetch: typeof fetch;
}

export type OutboxSyncResult = "page-open" | "signed-out" | "sent";

export function installSyncHandlers(sw: SyncWorkerScope): void {
  sw.addEventListener("sync", (event) => {
    // A rejected waitUntil makes the browser retry the sync later (with its own back-off).
    if (event.tag === OUTBOX_SYNC_TAG) event.waitUntil(syncOutbox(sw));
  });
}

/** Sends the signed-in account's outbox; throws when the server is still out of reach. */
export async function syncOutbox(sw: SyncWorkerScope, openStore: (userId: string) => OutboxStore = indexedDbOutboxStore): Promise<OutboxSyncResult> {
  // A tab that is closing may still be listed: with the lock, the worker can safely send anyway.
  if (!sw.navigator.locks && (await sw.clients.matchAll({ type: "window" })).length > 0) return "page-open";
  const api = createTRPCClient<AppRouter>({
    links: [httpLink({ url: "/api/trpc", transformer: superjson, fetch: (input, init) => sw.fetch(input, init) })],
  });
  // The cookies say whose session this is: only that account's outbox may go out under it.
  let userId: string;
  try {
    userId = (await api.account.me.query()).id;
  } catch (error) {
    if (error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "UNAUTHORIZED") return "signed-out";
    throw error;
  }
  const store = openStore(userId);
  const drain = () => drainOutbox(store, outboxTransport(api));
  await (sw.navigator.locks ? sw.navigator.locks.request(outboxLockName(userId), drain) : drain());
  return "sent";
}

type Transport = ReturnType<typeof outboxTransport>;

/** The items to send now, oldest first: pending ones without files to upload; a chat stops at its
 * first item left for the page, so its messages keep their order. */
function sendableItems(items: OutboxItem[]): OutboxItem[] {
  const blocked = new Set<string>();
  const sendable: OutboxItem[] = [];
  for (const item of [...items].sort((a, b) => a.createdAt - b.createdAt || a.clientId.localeCompare(b.clientId))) {
    if (item.status !== "pending" || blocked.has(item.chatId)) continue;
    if (item.uploads?.some((upload) => upload.status !== "done")) blocked.add(item.chatId);
    else sendable.push(item);
  }
  return sendable;
}

/** One call for the batch; refused as a whole (one bad message failing the input check), one call
 * per message so only the bad one fails. A transient failure throws: the browser retries the sync. */
async function sendAll(batch: OutboxItem[], transport: Transport): Promise<BatchOutcome[]> {
  try {
    return await transport.sendBatch!(batch);
  } catch (error) {
    if (transport.classify(error).kind !== "fatal") throw error;
  }
  const outcomes: BatchOutcome[] = [];
  for (const item of batch) outcomes.push(await transport.send(item).then((message) => ({ message }), (error: unknown) => ({ error })));
  return outcomes;
}

async function drainOutbox(store: OutboxStore, transport: Transport): Promise<void> {
  const items = sendableItems(await store.all());
  for (let start = 0; start < items.length; start += SEND_BATCH_MAX) {
    const batch = items.slice(start, start + SEND_BATCH_MAX);
    const outcomes = await sendAll(batch, transport);
    let retry: unknown = null;
    for (const [index, item] of batch.entries()) {
      const outcome = outcomes[index];
      if (!outcome) continue;
      if ("message" in outcome) await store.delete(item.clientId);
      else {
        const failure = transport.classify(outcome.error);
        if (failure.kind === "fatal") await store.put({ ...item, status: "failed", error: failure.code });
        else retry ??= outcome.error;
      }
    }
    if (retry) throw retry instanceof Error ? retry : new Error("outbox sync: retry later");
  }
}
