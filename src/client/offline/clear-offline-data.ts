// Sign-out (and a session ended elsewhere) removes what this device kept of the account for offline
// use: the saved history, the outbox with its files, and the saved account.
import { committed } from "../idb";
import { outboxDatabaseName } from "../outbox-store";
import { historyDatabaseName } from "./history-store";
import { stopOfflineHistories } from "./offline-history";
import { forgetAccount } from "./saved-account";

/** Empties the database's stores, then deletes it. Emptying comes first because deletion waits for
 * other tabs to close their connections (they do on `versionchange`, or when they unload). */
async function wipeDatabase(factory: IDBFactory, name: string): Promise<void> {
  const existing = typeof factory.databases === "function" ? await factory.databases() : null;
  if (existing && !existing.some((database) => database.name === name)) return;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = factory.open(name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error("IndexedDB open failed"));
  });
  const stores = [...db.objectStoreNames];
  if (stores.length > 0) {
    const tx = db.transaction(stores, "readwrite");
    for (const store of stores) tx.objectStore(store).clear();
    await committed(tx);
  }
  db.close();
  await new Promise<void>((resolve) => {
    const deletion = factory.deleteDatabase(name);
    deletion.onsuccess = deletion.onerror = deletion.onblocked = () => resolve();
  });
}

export async function clearOfflineData(userId: string, factory: IDBFactory | undefined = globalThis.indexedDB): Promise<void> {
  stopOfflineHistories(userId);
  forgetAccount(userId);
  if (!factory) return;
  await Promise.all([wipeDatabase(factory, historyDatabaseName(userId)), wipeDatabase(factory, outboxDatabaseName(userId))]);
}
