import { describe, expect, it } from "vitest";
import { storageEnv } from "../../../test/storage-env";
import { createStorage, storageConfigFromEnv } from "./create-storage";
import { LocalStorageDriver } from "./local/local-driver";
import { S3StorageDriver } from "./s3/s3-driver";
import { assertStorageKey, newStorageKey } from "./storage-key";
import { partCountFor, partSizeOf } from "./upload-limits";

const MiB = 1024 * 1024;
const base = storageEnv();

describe("storageConfigFromEnv", () => {
  it("defaults to the local driver keyed by AUTH_SECRET, or by STORAGE_ENCRYPTION_KEY when set", () => {
    expect(storageConfigFromEnv(base)).toMatchObject({ driver: "local", directory: ".data/uploads", secret: base.AUTH_SECRET, maxBytes: 25 * MiB, partBytes: 8 * MiB });
    expect(storageConfigFromEnv({ ...base, STORAGE_ENCRYPTION_KEY: "k".repeat(40) })).toMatchObject({ secret: "k".repeat(40) });
    expect(createStorage(storageConfigFromEnv(base))).toBeInstanceOf(LocalStorageDriver);
  });

  it("builds the s3 driver for R2/MinIO style settings, with encryption 'none' sending no header", () => {
    const config = storageConfigFromEnv({
      ...base,
      STORAGE_DRIVER: "s3",
      S3_BUCKET: "files",
      S3_ENDPOINT: "https://account.r2.cloudflarestorage.com",
      S3_REGION: "auto",
      S3_ACCESS_KEY_ID: "id",
      S3_SECRET_ACCESS_KEY: "secret",
      S3_SERVER_SIDE_ENCRYPTION: "none",
    });
    expect(config).toMatchObject({ driver: "s3", bucket: "files", region: "auto", credentials: { accessKeyId: "id", secretAccessKey: "secret" }, serverSideEncryption: null });
    expect(createStorage(config)).toBeInstanceOf(S3StorageDriver);
  });

  it("explains a missing bucket or half a key pair", () => {
    expect(() => storageConfigFromEnv({ ...base, STORAGE_DRIVER: "s3" })).toThrow(/S3_BUCKET/);
    expect(() => storageConfigFromEnv({ ...base, STORAGE_DRIVER: "s3", S3_BUCKET: "files", S3_ACCESS_KEY_ID: "id" })).toThrow(/both/);
  });
});

describe("storage keys and parts", () => {
  it("makes keys that pass its own check, and refuses path tricks", () => {
    expect(assertStorageKey(newStorageKey("chat-42"))).toMatch(/^chat-42\/[A-Za-z0-9][\w-]{23}$/);
    for (const key of ["..", "a/..", "a/../b", "/a", "a/", "a b", "a\\b", "a/.hidden"]) expect(() => assertStorageKey(key)).toThrow(/Invalid storage key/);
  });

  it("splits a size into parts of partBytes with a shorter last part", () => {
    expect(partCountFor(0, 5 * MiB)).toBe(1);
    expect(partCountFor(10 * MiB, 5 * MiB)).toBe(2);
    expect(partCountFor(10 * MiB + 1, 5 * MiB)).toBe(3);
    expect(partSizeOf(3, 10 * MiB + 1, 5 * MiB)).toBe(1);
    expect(() => partSizeOf(4, 10 * MiB + 1, 5 * MiB)).toThrow(/between 1 and 3/);
    expect(() => partCountFor(2 ** 40, 5 * MiB)).toThrow(/10000 parts/);
  });
});
