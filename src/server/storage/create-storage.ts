// Chooses and builds the storage driver from a plain config object (tests build one directly);
// `storageConfigFromEnv` maps the validated environment onto it (see .env.example, "File storage").
import { resolve } from "node:path";
import { LocalStorageDriver } from "./local/local-driver";
import { S3StorageDriver } from "./s3/s3-driver";
import type { StorageDriver } from "./storage-driver";

interface StorageLimits {
  maxBytes: number;
  partBytes: number;
}

export type StorageConfig =
  | (StorageLimits & {
      driver: "local";
      directory: string;
      secret: string;
      publicBaseUrl: string;
    })
  | (StorageLimits & {
      driver: "s3";
      bucket: string;
      region: string;
      endpoint?: string;
      forcePathStyle: boolean;
      credentials?: { accessKeyId: string; secretAccessKey: string };
      serverSideEncryption: "AES256" | "aws:kms" | null;
    });

export function createStorage(config: StorageConfig): StorageDriver {
  if (config.partBytes <= 0 || config.maxBytes <= 0) throw new Error("UPLOAD_MAX_BYTES and UPLOAD_PART_BYTES must be positive");
  const limits = { maxBytes: config.maxBytes, partBytes: config.partBytes };
  if (config.driver === "local") {
    return new LocalStorageDriver({ ...limits, directory: resolve(config.directory), secret: config.secret, publicBaseUrl: config.publicBaseUrl });
  }
  return new S3StorageDriver({
    ...limits,
    bucket: config.bucket,
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
    serverSideEncryption: config.serverSideEncryption,
  });
}

export interface StorageEnv {
  STORAGE_DRIVER: "local" | "s3";
  STORAGE_LOCAL_DIR: string;
  STORAGE_ENCRYPTION_KEY?: string;
  AUTH_SECRET: string;
  UPLOAD_MAX_BYTES: number;
  UPLOAD_PART_BYTES: number;
  S3_ENDPOINT?: string;
  S3_REGION: string;
  S3_BUCKET?: string;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
  S3_FORCE_PATH_STYLE: boolean;
  S3_SERVER_SIDE_ENCRYPTION: "AES256" | "aws:kms" | "none";
}

/** The app route the local driver's URLs point at (served by the attachments slice). */
const LOCAL_FILES_ROUTE = "/api/files";

export function storageConfigFromEnv(env: StorageEnv): StorageConfig {
  const limits = { maxBytes: env.UPLOAD_MAX_BYTES, partBytes: env.UPLOAD_PART_BYTES };
  if (env.STORAGE_DRIVER === "local") {
    return {
      driver: "local",
      ...limits,
      directory: env.STORAGE_LOCAL_DIR,
      secret: env.STORAGE_ENCRYPTION_KEY ?? env.AUTH_SECRET,
      publicBaseUrl: LOCAL_FILES_ROUTE,
    };
  }
  if (!env.S3_BUCKET) throw new Error("STORAGE_DRIVER=s3 needs S3_BUCKET");
  if (!!env.S3_ACCESS_KEY_ID !== !!env.S3_SECRET_ACCESS_KEY) throw new Error("Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither");
  return {
    driver: "s3",
    ...limits,
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    endpoint: env.S3_ENDPOINT,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    credentials: env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } : undefined,
    serverSideEncryption: env.S3_SERVER_SIDE_ENCRYPTION === "none" ? null : env.S3_SERVER_SIDE_ENCRYPTION,
  };
}
