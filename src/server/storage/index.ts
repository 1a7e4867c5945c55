// The app's storage driver, built once from the environment. Import the driver classes and
// createStorage directly where a config is at hand (tests, scripts).
import { env } from "~/env";
import { createStorage, storageConfigFromEnv } from "./create-storage";
import type { StorageDriver } from "./storage-driver";

let storage: StorageDriver | undefined;

export function getStorage(): StorageDriver {
  storage ??= createStorage(storageConfigFromEnv(env));
  return storage;
}

/** Replaces the app's driver (integration tests and the bench point it at a temporary directory or s3rver). */
export function setStorage(driver: StorageDriver): void {
  storage = driver;
}

export type { StorageDriver } from "./storage-driver";
