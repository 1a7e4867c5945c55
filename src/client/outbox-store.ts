// Durable storage of unsent messages in IndexedDB: they survive a reload, a crash or going offline.
import type { AttachmentDto } from "~/shared/realtime/events";

export interface OutboxItem {
  clientId: string;
  chatId: string;
  /** The text, or the caption of the attachments (then it may be empty). */
  content: string;
  /** Files already stored (attachment.complete), sent by id and shown while the message is sending. */
  attachments?: AttachmentDto[];
  createdAt: number;
  /** "pending" is sent as soon as possible; "failed" waits for the person to retry or delete it. */
  status: "pending" | "failed";
  error?: string;
}

export interface OutboxStore {
  all(): Promise<OutboxItem[]>;
  put(item: OutboxItem): Promise<void>;
  delete(clientId: string): Promise<void>;
}

const DB_NAME = "brainmessenger";
const STORE = "outbox";

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("IndexedDB request failed"));
  });
}

/** One outbox per signed-in user, so a shared browser never sends someone else's messages. */
export function indexedDbOutboxStore(userId: string): OutboxStore {
  const opened = new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(`${DB_NAME}:${userId}`, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: "clientId" });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error("IndexedDB open failed"));
  });
  const tx = async (mode: IDBTransactionMode) => (await opened).transaction(STORE, mode).objectStore(STORE);
  return {
    all: async () => request((await tx("readonly")).getAll() as IDBRequest<OutboxItem[]>),
    put: async (item) => void (await request((await tx("readwrite")).put(item))),
    delete: async (clientId) => void (await request((await tx("readwrite")).delete(clientId))),
  };
}

export function memoryOutboxStore(): OutboxStore {
  const items = new Map<string, OutboxItem>();
  return {
    all: () => Promise.resolve([...items.values()]),
    put: (item) => {
      items.set(item.clientId, { ...item });
      return Promise.resolve();
    },
    delete: (clientId) => {
      items.delete(clientId);
      return Promise.resolve();
    },
  };
}
