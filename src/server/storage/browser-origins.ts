// Where browsers talk to the file store directly: with the s3 driver they PUT uploads to, and load
// images and voice messages from, presigned URLs on the store's origin, which the pages' CSP must
// allow (connect-src, img-src, media-src). With uploadthing: the token's ingest region and the
// app's file host. The local driver serves everything from the app's origin.
import type { StorageEnv } from "./create-storage";
import { parseUploadThingToken, uploadThingOrigins } from "./uploadthing/uploadthing-token";

type OriginEnv = Pick<StorageEnv, "STORAGE_DRIVER" | "S3_ENDPOINT" | "S3_BUCKET" | "S3_REGION" | "S3_FORCE_PATH_STYLE" | "UPLOADTHING_TOKEN">;

export function storageBrowserOrigins(env: OriginEnv): string[] {
  if (env.STORAGE_DRIVER === "uploadthing" && env.UPLOADTHING_TOKEN) {
    const { ingest, files } = uploadThingOrigins(parseUploadThingToken(env.UPLOADTHING_TOKEN));
    return [ingest, files];
  }
  if (env.STORAGE_DRIVER !== "s3" || !env.S3_BUCKET) return [];
  if (!env.S3_ENDPOINT) return [`https://${env.S3_BUCKET}.s3.${env.S3_REGION}.amazonaws.com`];
  const endpoint = new URL(env.S3_ENDPOINT);
  // Virtual-hosted style puts the bucket in the host name.
  return [env.S3_FORCE_PATH_STYLE ? endpoint.origin : `${endpoint.protocol}//${env.S3_BUCKET}.${endpoint.host}`];
}
