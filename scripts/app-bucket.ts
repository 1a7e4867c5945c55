// The app's own storage driver (STORAGE_DRIVER=s3) for BACKUP_TARGET=s3 and `restore -- s3:<name>`.
// It is configured by src/env.ts, which validates the app's whole environment (AUTH_SECRET too).
import type { StorageDriver } from "../src/server/storage/storage-driver.ts";

export async function appBucket(databaseUrl: string): Promise<StorageDriver> {
  process.env.DATABASE_URL ||= databaseUrl;
  const { getStorage } = await import("../src/server/storage/index.ts");
  const storage = getStorage();
  if (storage.name !== "s3") throw new Error("Backups in the bucket need STORAGE_DRIVER=s3");
  return storage;
}
