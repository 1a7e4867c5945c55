// Durable storage of unsent messages in IndexedDB: they survive a reload, a crash or going offline.
// A message's files not yet stored on the server keep their bytes (Blobs) in a second object store,
// keyed by the file's clientId, until the message itself is stored.
import type { AttachmentDto } from "~/shared/realtime/events";
import { committed, request } from "./idb";
import type { UploadJobState } from "./uploads/types";

export interface OutboxItem {
  clientId: string;
  chatId: string;
  /** The text, or the caption of the attachments (then it may be empty). */
  content: string;
  /** Files already stored (attachment.complete), sent by id and shown while the message is sending. */
  attachments?: AttachmentDto[];
  /** Files staged with the message: each upload's resumable state (its bytes are in the store's
   * files); the message is sent once every one is "done". */
  uploads?: UploadJobState[];
  /** The message this one answers. */
  replyToId?: string;
  createdAt: number;
  /** "pending" is sent as soon as possible; "failed" waits for the person to retry or delete it. */
  status: "pending" | "failed";
  error?: string;
}

export interface OutboxStore {
  all(): Promise<OutboxItem[]>;
  /** Saves the item, and with it the bytes of new files (upload clientId → Blob), in one transaction. */
  put(item: OutboxItem, files?: Map<string, Blob>): Promise<void>;
  /** Deletes the item and its files' bytes. */
  delete(clientId: string): Promise<void>;
  file(uploadClientId: string): Promise<Blob | undefined>;
}

/** Every attachment the message carries, in order: those stored before it was queued, then its uploads. */
export function storedAttachments(item: OutboxItem): AttachmentDto[] {
  return [...(item.attachments ?? []), ...(item.uploads ?? []).flatMap((upload) => (upload.attachment ? [upload.attachment] : []))];
}

const DB_NAME = "brainmessenger";
const STORE = "outbox";
const FILES = "outbox-files";

export const outboxDatabaseName = (userId: string) => `${DB_NAME}:${userId}`;
/** The Web Lock that lets one sender at a time (a tab, or the service worker) flush the outbox. */
export const outboxLockName = (userId: string) => `bm-outbox:${userId}`;

/** One outbox per signed-in user, so a shared browser never sends someone else's messages. */
export function indexedDbOutboxStore(userId: string): OutboxStore {
  const opened = new Promise<IDBDatabase>((resolve, reject) => {
    // Version 2 added the files store; messages queued under version 1 stay.
    const open = indexedDB.open(outboxDatabaseName(userId), 2);
    open.onupgradeneeded = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: "clientId" });
      if (!db.objectStoreNames.contains(FILES)) db.createObjectStore(FILES);
    };
    open.onsuccess = () => {
      // Sign-out deletes the database: do not hold it open.
      open.result.onversionchange = () => open.result.close();
      resolve(open.result);
    };
    open.onerror = () => reject(open.error ?? new Error("IndexedDB open failed"));
  });
  const both = async () => (await opened).transaction([STORE, FILES], "readwrite");
  return {
    all: async () => request((await opened).transaction(STORE, "readonly").objectStore(STORE).getAll() as IDBRequest<OutboxItem[]>),
    put: async (item, files) => {
      const tx = await both();
      for (const [clientId, blob] of files ?? []) tx.objectStore(FILES).put(blob, clientId);
      tx.objectStore(STORE).put(item);
      await committed(tx);
    },
    delete: async (clientId) => {
      const tx = await both();
      const get = tx.objectStore(STORE).get(clientId) as IDBRequest<OutboxItem | undefined>;
      get.onsuccess = () => {
        for (const upload of get.result?.uploads ?? []) tx.objectStore(FILES).delete(upload.clientId);
        tx.objectStore(STORE).delete(clientId);
      };
      await committed(tx);
    },
    file: async (uploadClientId) => request((await opened).transaction(FILES, "readonly").objectStore(FILES).get(uploadClientId) as IDBRequest<Blob | undefined>),
  };
}

export function memoryOutboxStore(): OutboxStore {
  const items = new Map<string, OutboxItem>();
  const files = new Map<string, Blob>();
  return {
    all: () => Promise.resolve([...items.values()]),
    put: (item, added) => {
      for (const [clientId, blob] of added ?? []) files.set(clientId, blob);
      items.set(item.clientId, { ...item });
      return Promise.resolve();
    },
    delete: (clientId) => {
      for (const upload of items.get(clientId)?.uploads ?? []) files.delete(upload.clientId);
      items.delete(clientId);
      return Promise.resolve();
    },
    file: (uploadClientId) => Promise.resolve(files.get(uploadClientId)),
  };
}
