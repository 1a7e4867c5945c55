import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "~/shared/errors";
import { newStorageKey } from "../storage-key";
import { StorageIntegrityError } from "./file-encryption";
import { LocalStorageDriver, type LocalDriverConfig } from "./local-driver";

const SECRET = "local-driver-test-secret-0123456789abcdef";
const MiB = 1024 * 1024;

let directory: string;
let clock: number;

function driver(overrides: Partial<LocalDriverConfig> = {}) {
  return new LocalStorageDriver({ directory, secret: SECRET, maxBytes: 300 * MiB, partBytes: 5 * MiB, publicBaseUrl: "/api/files", now: () => clock, ...overrides });
}

/** The token at the end of a local upload/download URL. */
function tokenOf(url: string): string {
  return url.slice(url.lastIndexOf("/") + 1);
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error("expected a rejection"),
    (error: unknown) => error,
  );
}

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "local-storage-"));
  clock = Date.now();
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("LocalStorageDriver", () => {
  it("round-trips the bytes of an upload, and keeps only ciphertext on disk", async () => {
    const storage = driver();
    const key = newStorageKey("chat-1");
    const plain = Buffer.concat([Buffer.from("secret message ".repeat(10_000)), randomBytes(70_000)]);
    const target = await storage.createUpload(key, { size: plain.length, contentType: "text/plain" });
    expect(target.url).toMatch(/^\/api\/files\/upload\/[\w-]+\.[\w-]+$/);

    await storage.acceptUpload(tokenOf(target.url), Readable.from([plain]));

    expect((await buffer(await storage.read(key))).equals(plain)).toBe(true);
    expect(await storage.stat(key)).toEqual({ key, size: plain.length });
    const onDisk = await readFile(join(directory, "objects", key));
    expect(onDisk.length).toBeGreaterThan(plain.length);
    expect(onDisk.includes(Buffer.from("secret message"))).toBe(false);
  });

  it("stores empty files and files of exactly one encryption segment", async () => {
    const storage = driver();
    for (const size of [0, 1, 65_536, 65_537, 131_072]) {
      const key = newStorageKey("sizes");
      const plain = randomBytes(size);
      await storage.write(key, Readable.from([plain]), { contentType: "application/octet-stream" });
      expect((await buffer(await storage.read(key))).equals(plain)).toBe(true);
      expect((await storage.stat(key))?.size).toBe(size);
    }
  });

  it("refuses a body longer or shorter than announced, keeping nothing", async () => {
    const storage = driver();
    const key = newStorageKey();
    const target = await storage.createUpload(key, { size: 10, contentType: "text/plain" });
    expect(await errorOf(storage.acceptUpload(tokenOf(target.url), Readable.from([Buffer.alloc(11)])))).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(await errorOf(storage.acceptUpload(tokenOf(target.url), Readable.from([Buffer.alloc(9)])))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await storage.stat(key)).toBeNull();
    expect(await readdir(join(directory, "tmp"))).toEqual([]);
  });

  it("refuses uploads over the maximum size before any byte is sent", async () => {
    const storage = driver({ maxBytes: 1000 });
    expect(await errorOf(storage.createUpload(newStorageKey(), { size: 1001, contentType: "image/png" }))).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  it("fails to read a tampered file instead of returning altered bytes", async () => {
    const storage = driver();
    const key = newStorageKey();
    await storage.write(key, Readable.from([randomBytes(200_000)]), { contentType: "application/octet-stream" });
    const path = join(directory, "objects", key);
    const file = await readFile(path);
    file[file.length - 100]! ^= 0x01;
    await writeFile(path, file);
    expect(await errorOf(buffer(await storage.read(key)))).toBeInstanceOf(StorageIntegrityError);
  });

  it("fails to read a truncated file, or one read with another secret", async () => {
    const key = newStorageKey();
    await driver().write(key, Readable.from([randomBytes(200_000)]), { contentType: "application/octet-stream" });
    expect(await errorOf(buffer(await driver({ secret: "another-secret-0123456789abcdef-xyz" }).read(key)))).toBeInstanceOf(StorageIntegrityError);

    const path = join(directory, "objects", key);
    const file = await readFile(path);
    // Cut exactly at a segment boundary: only the "last segment" flag can tell.
    await writeFile(path, file.subarray(0, 64 + 65_552));
    expect(await errorOf(buffer(await driver().read(key)))).toBeInstanceOf(StorageIntegrityError);
  });

  it("does not decrypt a file copied under another key", async () => {
    const storage = driver();
    const [original, copy] = [newStorageKey(), newStorageKey()];
    await storage.write(original, Readable.from([Buffer.from("hello")]), { contentType: "text/plain" });
    await storage.write(copy, Readable.from([Buffer.from("other")]), { contentType: "text/plain" });
    await writeFile(join(directory, "objects", copy), await readFile(join(directory, "objects", original)));
    expect(await errorOf(buffer(await storage.read(copy)))).toBeInstanceOf(StorageIntegrityError);
  });

  it("answers NOT_FOUND for a missing key and deletes idempotently", async () => {
    const storage = driver();
    const key = newStorageKey();
    expect(await errorOf(storage.read(key))).toMatchObject({ code: "NOT_FOUND" });
    await storage.write(key, Readable.from([Buffer.from("x")]), { contentType: "text/plain" });
    await storage.delete(key);
    await storage.delete(key);
    expect(await storage.stat(key)).toBeNull();
    expect(await errorOf(storage.read(key.split("/")[0]!))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses keys that could escape the storage directory", async () => {
    const storage = driver();
    for (const key of ["../etc/passwd", "/abs", "a/../../b", "a//b", ""]) {
      expect(await errorOf(storage.write(key, Readable.from([]), { contentType: "text/plain" }))).toMatchObject({ code: "BAD_REQUEST" });
    }
  });
});

describe("local download tokens", () => {
  it("grant exactly the file, name and disposition they were signed for", async () => {
    const storage = driver();
    const url = await storage.signedDownloadUrl("chat-1/abc", { fileName: "Été.pdf", contentType: "application/pdf", disposition: "attachment" });
    expect(url).toMatch(/^\/api\/files\/download\//);
    expect(storage.verifyDownloadToken(tokenOf(url))).toEqual({ key: "chat-1/abc", fileName: "Été.pdf", contentType: "application/pdf", disposition: "attachment" });
  });

  it("are refused once expired", async () => {
    const storage = driver();
    const url = await storage.signedDownloadUrl("chat-1/abc", { fileName: "a.txt", contentType: "text/plain", disposition: "attachment", expiresIn: 60 });
    clock += 59_000;
    expect(storage.verifyDownloadToken(tokenOf(url)).key).toBe("chat-1/abc");
    clock += 1_000;
    expect(() => storage.verifyDownloadToken(tokenOf(url))).toThrow(/expired/);
  });

  it("cap the lifetime a caller asks for", async () => {
    const storage = driver({ downloadUrlMaxTtlSeconds: 900 });
    const url = await storage.signedDownloadUrl("k/abc", { fileName: "a", contentType: "text/plain", disposition: "inline", expiresIn: 86_400 });
    clock += 901_000;
    expect(() => storage.verifyDownloadToken(tokenOf(url))).toThrow(AppError);
  });

  it("are refused when forged, altered, or signed with another secret", async () => {
    const storage = driver();
    const token = tokenOf(await storage.signedDownloadUrl("chat-1/abc", { fileName: "a.txt", contentType: "text/plain", disposition: "attachment" }));
    const [body, signature] = token.split(".") as [string, string];
    const altered = Buffer.from(JSON.stringify({ ...(JSON.parse(Buffer.from(body, "base64url").toString()) as object), key: "chat-2/abc" })).toString("base64url");
    const foreign = tokenOf(await driver({ secret: "another-secret-0123456789abcdef-xyz" }).signedDownloadUrl("chat-1/abc", { fileName: "a.txt", contentType: "text/plain", disposition: "attachment" }));
    const upload = tokenOf((await storage.createUpload("chat-1/abc", { size: 1, contentType: "text/plain" })).url);

    for (const forged of [`${altered}.${signature}`, foreign, `${body}.`, "garbage", upload]) {
      expect(() => storage.verifyDownloadToken(forged)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    }
  });

  it("upload tokens expire too", async () => {
    const storage = driver();
    const target = await storage.createUpload(newStorageKey(), { size: 1, contentType: "text/plain", expiresIn: 10 });
    clock += 11_000;
    expect(await errorOf(storage.acceptUpload(tokenOf(target.url), Readable.from([Buffer.from("x")])))).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("local resumable uploads", () => {
  it("survive a dropped part: the finished parts stay, the dropped one is sent again", { timeout: 20_000 }, async () => {
    const storage = driver();
    const key = newStorageKey("big");
    const plain = randomBytes(12 * MiB + 12_345);
    const upload = await storage.startMultipart(key, { size: plain.length, contentType: "application/zip" });
    expect(upload).toMatchObject({ key, size: plain.length, partSize: 5 * MiB, partCount: 3 });
    const slice = (partNumber: number) => plain.subarray((partNumber - 1) * upload.partSize, partNumber * upload.partSize);

    const part1 = await storage.acceptUpload(tokenOf((await storage.presignPart(upload, 1)).url), Readable.from([slice(1)]));

    // Part 2: the connection drops after 1 MiB.
    const dropped = new Readable({ read() {} });
    const part2Url = (await storage.presignPart(upload, 2)).url;
    const pending = errorOf(storage.acceptUpload(tokenOf(part2Url), dropped));
    dropped.push(slice(2).subarray(0, MiB));
    dropped.destroy(new Error("socket hang up"));
    expect(await pending).toMatchObject({ message: "socket hang up" });

    // Resuming client: asks which parts arrived, sends the rest.
    expect((await storage.listParts(upload)).map((part) => part.partNumber)).toEqual([1]);
    const part2 = await storage.acceptUpload(tokenOf(part2Url), Readable.from([slice(2)]));
    const part3 = await storage.acceptUpload(tokenOf((await storage.presignPart(upload, 3)).url), Readable.from([slice(3)]));

    expect(await storage.completeMultipart(upload, [part1, part2, part3] as never)).toEqual({ key, size: plain.length });
    // Buffer.equals: a deep toEqual over 12 MB would take minutes.
    expect((await buffer(await storage.read(key))).equals(plain)).toBe(true);
    expect(await readdir(join(directory, "multipart"))).toEqual([]);
    expect(await readdir(join(directory, "tmp"))).toEqual([]);
  });

  it("will not complete with a part missing, a wrong ETag, or a part of the wrong size", async () => {
    const storage = driver();
    const upload = await storage.startMultipart(newStorageKey(), { size: 6 * MiB, contentType: "application/zip" });
    await storage.acceptUpload(tokenOf((await storage.presignPart(upload, 1)).url), Readable.from([randomBytes(5 * MiB)]));
    const missing = await errorOf(storage.completeMultipart(upload, []));
    expect(missing).toMatchObject({ code: "BAD_REQUEST" });
    expect((missing as AppError).message).toContain("Part 2");

    const short = await storage.presignPart(upload, 2);
    expect(await errorOf(storage.acceptUpload(tokenOf(short.url), Readable.from([randomBytes(5 * MiB)])))).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    await storage.acceptUpload(tokenOf(short.url), Readable.from([randomBytes(MiB)]));
    expect(await errorOf(storage.completeMultipart(upload, [{ partNumber: 1, etag: "0".repeat(32) }]))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await errorOf(storage.presignPart(upload, 3))).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("abort removes every part; the upload id is then unknown", async () => {
    const storage = driver();
    const upload = await storage.startMultipart(newStorageKey(), { size: 6 * MiB, contentType: "application/zip" });
    await storage.acceptUpload(tokenOf((await storage.presignPart(upload, 1)).url), Readable.from([randomBytes(5 * MiB)]));
    await storage.abortMultipart(upload);
    expect(await readdir(join(directory, "multipart"))).toEqual([]);
    expect(await errorOf(storage.listParts(upload))).toMatchObject({ code: "NOT_FOUND" });
    expect(await errorOf(storage.abortMultipart({ ...upload, uploadId: "../../objects" }))).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("removes stale unfinished uploads", async () => {
    const storage = driver();
    await storage.startMultipart(newStorageKey(), { size: 6 * MiB, contentType: "application/zip" });
    expect(await storage.removeStaleUploads(60_000)).toBe(0);
    clock += 61_000;
    expect(await storage.removeStaleUploads(60_000)).toBe(1);
    expect(await readdir(join(directory, "multipart"))).toEqual([]);
  });
});

describe("local streaming", () => {
  it("writes and reads back 200 MB with memory staying flat", { timeout: 60_000 }, async () => {
    const storage = driver();
    const key = newStorageKey("huge");
    const total = 200 * MiB;
    const chunk = randomBytes(MiB);
    const written = createHash("sha256");
    // Generated as it is consumed (the same random MiB with its index stamped in): nothing is kept.
    function* chunks() {
      for (let index = 0; index < total / MiB; index++) {
        const next = Buffer.from(chunk);
        next.writeUInt32BE(index, 0);
        written.update(next);
        yield next;
      }
    }
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const read = createHash("sha256");
    let size = 0;
    try {
      const target = await storage.createUpload(key, { size: total, contentType: "application/octet-stream" });
      await storage.acceptUpload(tokenOf(target.url), Readable.from(chunks()));
      for await (const piece of (await storage.read(key)) as AsyncIterable<Buffer>) {
        read.update(piece);
        size += piece.length;
        peak = Math.max(peak, process.memoryUsage().rss);
      }
    } finally {
      clearInterval(sample);
    }
    expect(size).toBe(total);
    expect(read.digest("hex")).toBe(written.digest("hex"));
    expect((peak - rssBefore) / MiB).toBeLessThan(64);
  });
});
