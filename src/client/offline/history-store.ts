// The saved history in IndexedDB, one database per account ("brainmessenger-history:<userId>"), apart
// from the outbox's database so that neither's schema version waits for the other.
import type { ChatSummary } from "../chat-summaries";
import { committed, request } from "../idb";
import type { SavedChat } from "./saved-history";

export interface HistoryStore {
  /** The saved chat list, or null when none was saved. */
  chats(): Promise<ChatSummary[] | null>;
  chat(chatId: string): Promise<SavedChat | undefined>;
  /** Writes in one transaction: the list (when given), these chats, and drops every saved chat not
   * in `keep` (when given). */
  write(batch: { chats?: ChatSummary[]; put: SavedChat[]; keep?: Set<string> }): Promise<void>;
  close(): void;
}

const LISTS = "lists";
const CHATS = "chats";
const CHAT_LIST_KEY = "chats";

export const historyDatabaseName = (userId: string) => `brainmessenger-history:${userId}`;

export function indexedDbHistoryStore(userId: string, factory: IDBFactory = indexedDB): HistoryStore {
  let closed = false;
  const opened = new Promise<IDBDatabase>((resolve, reject) => {
    const open = factory.open(historyDatabaseName(userId), 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore(LISTS);
      open.result.createObjectStore(CHATS, { keyPath: "chatId" });
    };
    open.onsuccess = () => {
      const db = open.result;
      // Sign-out deletes the database: let it, and write nothing more.
      db.onversionchange = () => {
        closed = true;
        db.close();
      };
      if (closed) db.close();
      resolve(db);
    };
    open.onerror = () => reject(open.error ?? new Error("IndexedDB open failed"));
  });
  const read = async <T,>(store: string, key: string) => {
    const db = await opened;
    if (closed) return undefined;
    return request(db.transaction(store, "readonly").objectStore(store).get(key) as IDBRequest<T | undefined>);
  };
  return {
    chats: async () => (await read<ChatSummary[]>(LISTS, CHAT_LIST_KEY)) ?? null,
    chat: (chatId) => read<SavedChat>(CHATS, chatId),
    write: async ({ chats, put, keep }) => {
      const db = await opened;
      if (closed) return;
      const tx = db.transaction([LISTS, CHATS], "readwrite");
      if (chats) tx.objectStore(LISTS).put(chats, CHAT_LIST_KEY);
      const store = tx.objectStore(CHATS);
      for (const chat of put) store.put(chat);
      if (keep) {
        const keys = store.getAllKeys();
        keys.onsuccess = () => {
          for (const key of keys.result as string[]) if (!keep.has(key)) store.delete(key);
        };
      }
      await committed(tx);
    },
    close: () => {
      closed = true;
      void opened.then((db) => db.close(), () => undefined);
    },
  };
}
