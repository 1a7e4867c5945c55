import { describe, expect, it } from "vitest";
import { storageBrowserOrigins } from "./browser-origins";

const s3 = { STORAGE_DRIVER: "s3", S3_BUCKET: "files", S3_REGION: "eu-west-1", S3_FORCE_PATH_STYLE: false } as const;

describe("storageBrowserOrigins", () => {
  it("is empty for the local driver: the app serves its files itself", () => {
    expect(storageBrowserOrigins({ ...s3, STORAGE_DRIVER: "local" })).toEqual([]);
  });

  it("names the bucket's origin on AWS, R2-style virtual hosts and path-style MinIO", () => {
    expect(storageBrowserOrigins(s3)).toEqual(["https://files.s3.eu-west-1.amazonaws.com"]);
    expect(storageBrowserOrigins({ ...s3, S3_ENDPOINT: "https://acc.r2.cloudflarestorage.com" })).toEqual(["https://files.acc.r2.cloudflarestorage.com"]);
    expect(storageBrowserOrigins({ ...s3, S3_ENDPOINT: "http://minio:9000/", S3_FORCE_PATH_STYLE: true })).toEqual(["http://minio:9000"]);
  });
});
