// Chooses and builds the storage driver from a plain config object (tests build one directly);
// `storageConfigFromEnv` maps the validated environment onto it (see .env.example, "File storage").
import { resolve } from "node:path";
import { LocalStorageDriver, type LocalDriverConfig } from "./local/local-driver";
import { S3StorageDriver, type S3DriverConfig } from "./s3/s3-driver";
import type { StorageDriver } from "./storage-driver";
import { UploadThingStorageDriver, type UploadThingDriverConfig } from "./uploadthing/uploadthing-driver";

export type StorageConfig =
  | ({ driver: "local" } & LocalDriverConfig)
  | ({ driver: "s3" } & S3DriverConfig)
  | ({ driver: "uploadthing"; partBytes: number } & UploadThingDriverConfig);

export function createStorage(config: StorageConfig): StorageDriver {
  if (config.partBytes <= 0 || config.maxBytes <= 0) throw new Error("UPLOAD_MAX_BYTES and UPLOAD_PART_BYTES must be positive");
  if (config.driver === "local") {
    const { driver: _local, ...local } = config;
    return new LocalStorageDriver({ ...local, directory: resolve(local.directory) });
  }
  if (config.driver === "uploadthing") {
    const { driver: _uploadthing, partBytes: _parts, ...uploadthing } = config;
    return new UploadThingStorageDriver(uploadthing);
  }
  const { driver: _s3, ...s3 } = config;
  return new S3StorageDriver(s3);
}

export interface StorageEnv {
  STORAGE_DRIVER: "local" | "s3" | "uploadthing";
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
  UPLOADTHING_TOKEN?: string;
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
  if (env.STORAGE_DRIVER === "uploadthing") {
    if (!env.UPLOADTHING_TOKEN) throw new Error("STORAGE_DRIVER=uploadthing needs UPLOADTHING_TOKEN (UploadThing dashboard, API Keys)");
    // UploadThing takes each file whole (and resumes it itself): no parts.
    return { driver: "uploadthing", ...limits, partBytes: env.UPLOAD_MAX_BYTES, token: env.UPLOADTHING_TOKEN };
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
