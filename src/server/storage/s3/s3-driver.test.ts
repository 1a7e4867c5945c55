// Against a real S3 API: s3rver on 127.0.0.1 (test/s3rver.ts), through the URLs a browser would use.
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { s3DriverFor, startS3rver, type TestS3 } from "../../../../test/s3rver";
import { newStorageKey } from "../storage-key";
import type { UploadTarget } from "../storage-driver";
import type { S3StorageDriver } from "./s3-driver";

const MiB = 1024 * 1024;
let s3: TestS3;
let storage: S3StorageDriver;

beforeAll(async () => {
  s3 = await startS3rver();
  storage = s3DriverFor(s3, 100 * MiB);
});

afterAll(async () => {
  storage?.client.destroy();
  await s3?.stop();
});

function put(target: UploadTarget, body: Buffer, headers: Record<string, string> = target.headers) {
  return fetch(target.url, { method: target.method, headers, body: Uint8Array.from(body) });
}

describe("S3StorageDriver (s3rver)", () => {
  it("accepts a presigned PUT carrying the signed headers, and reads the same bytes back", async () => {
    const key = newStorageKey("chat-1");
    const bytes = randomBytes(300_000);
    const target = await storage.createUpload(key, { size: bytes.length, contentType: "image/png" });
    expect(target.headers).toEqual({ "Content-Type": "image/png", "x-amz-server-side-encryption": "AES256" });
    // s3rver does not check V4 signatures (AWS, R2 and MinIO do): what binds the upload to its size,
    // type and encryption is that these headers are signed, so that is what is asserted here.
    expect(new URL(target.url).searchParams.get("X-Amz-SignedHeaders")).toBe("content-length;content-type;host;x-amz-server-side-encryption");

    const response = await put(target, bytes);
    expect(response.status).toBe(200);
    expect((await buffer(await storage.read(key))).equals(bytes)).toBe(true);
    expect(await storage.stat(key)).toEqual({ key, size: bytes.length });
  });

  it("uploads in parts through presigned part URLs, re-sending a part that failed", async () => {
    const key = newStorageKey("big");
    const bytes = randomBytes(11 * MiB + 777);
    const upload = await storage.startMultipart(key, { size: bytes.length, contentType: "application/zip" });
    expect(upload).toMatchObject({ key, size: bytes.length, partSize: 5 * MiB, partCount: 3 });
    const slice = (partNumber: number) => bytes.subarray((partNumber - 1) * upload.partSize, partNumber * upload.partSize);

    const parts = [];
    for (let partNumber = 1; partNumber <= upload.partCount; partNumber++) {
      const target = await storage.presignPart(upload, partNumber);
      if (partNumber === 2) {
        // A first attempt cut short (s3rver keeps what arrived; S3 refuses a body shorter than the
        // signed Content-Length): sending the part again replaces it.
        expect(new URL(target.url).searchParams.get("X-Amz-SignedHeaders")).toBe("content-length;host");
        await put(target, slice(2).subarray(0, MiB));
      }
      const response = await put(target, slice(partNumber));
      expect(response.status).toBe(200);
      parts.push({ partNumber, etag: response.headers.get("etag")! });
    }
    expect(await storage.completeMultipart(upload, parts)).toEqual({ key, size: bytes.length });
    expect((await buffer(await storage.read(key))).equals(bytes)).toBe(true);
  });

  it("will not complete a multipart upload with a part missing", async () => {
    const upload = await storage.startMultipart(newStorageKey(), { size: 6 * MiB, contentType: "application/zip" });
    await expect(storage.completeMultipart(upload, [{ partNumber: 1, etag: '"x"' }])).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("writes server-made bytes: one PUT when small, multipart beyond one part", async () => {
    const small = randomBytes(1000);
    const large = randomBytes(7 * MiB);
    const [smallKey, largeKey] = [newStorageKey("thumbs"), newStorageKey("images")];
    expect(await storage.write(smallKey, Readable.from([small]), { contentType: "image/webp" })).toEqual({ key: smallKey, size: 1000 });
    const chunks = Array.from({ length: 7 }, (_, index) => large.subarray(index * MiB, (index + 1) * MiB));
    expect(await storage.write(largeKey, Readable.from(chunks), { contentType: "image/jpeg" })).toEqual({ key: largeKey, size: large.length });
    expect((await buffer(await storage.read(smallKey))).equals(small)).toBe(true);
    expect((await buffer(await storage.read(largeKey))).equals(large)).toBe(true);
  });

  it("serves a presigned GET with the disposition and type asked for, until it expires", async () => {
    const key = newStorageKey();
    await storage.write(key, Readable.from([Buffer.from("<html>hi</html>")]), { contentType: "application/octet-stream" });
    const options = { fileName: "page é.html", contentType: "application/octet-stream", disposition: "attachment" as const, expiresIn: 60 };
    const url = await storage.signedDownloadUrl(key, options);
    expect(new URL(url).searchParams.get("X-Amz-Expires")).toBe("60");

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="page e.html"; filename*=UTF-8''page%20%C3%A9.html`);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(await response.text()).toBe("<html>hi</html>");

    // A link signed two minutes ago for one minute: expired, without waiting (a slow machine can't flake it).
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() - 120_000 });
    const expired = await storage.signedDownloadUrl(key, options).finally(() => vi.useRealTimers());
    expect((await fetch(expired)).status).toBe(403);
  });

  it("caps download links at 15 minutes", async () => {
    const url = await storage.signedDownloadUrl("k/abc", { fileName: "a", contentType: "text/plain", disposition: "attachment", expiresIn: 86_400 });
    expect(new URL(url).searchParams.get("X-Amz-Expires")).toBe("900");
  });

  it("deletes, after which the key is NOT_FOUND", async () => {
    const key = newStorageKey();
    await storage.write(key, Readable.from([Buffer.from("bye")]), { contentType: "text/plain" });
    await storage.delete(key);
    expect(await storage.stat(key)).toBeNull();
    await expect(storage.read(key)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
