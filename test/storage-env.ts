// The storage part of the environment as src/env.ts would give it, for tests of the storage
// configuration: the defaults, with the given variables set.
import type { StorageEnv } from "~/server/storage/create-storage";

const MiB = 1024 * 1024;

export function storageEnv(patch: Partial<StorageEnv> = {}): StorageEnv {
  return {
    STORAGE_DRIVER: "local",
    STORAGE_LOCAL_DIR: ".data/uploads",
    AUTH_SECRET: "auth-secret-0123456789abcdef-0123456789",
    UPLOAD_MAX_BYTES: 25 * MiB,
    UPLOAD_PART_BYTES: 8 * MiB,
    S3_REGION: "us-east-1",
    S3_FORCE_PATH_STYLE: false,
    S3_SERVER_SIDE_ENCRYPTION: "AES256",
    ...patch,
  };
}
