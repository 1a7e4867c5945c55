// Files in the app's storage (getStorage), for integration tests (see temp-storage.ts for where).
import { Readable } from "node:stream";
import { getStorage } from "~/server/storage";
import { newStorageKey } from "~/server/storage/storage-key";

/** Stores a small file through the app's storage and returns its key. */
export async function storeFile(prefix = "files"): Promise<string> {
  const key = newStorageKey(prefix);
  await getStorage().write(key, Readable.from([Buffer.from(`bytes of ${key}`)]), { contentType: "text/plain" });
  return key;
}

export async function isStored(key: string): Promise<boolean> {
  return (await getStorage().stat(key)) !== null;
}
