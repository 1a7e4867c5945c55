// The `local` driver: files on this machine's disk, encrypted at rest (file-encryption.ts).
// Layout under `directory`: objects/<key> (finished files), multipart/<uploadId>/ (meta.json and
// encrypted parts of a resumable upload), tmp/ (files being written; renamed into place when whole,
// so a dropped connection never leaves a half file where a reader could see it).
// Browsers reach it through app routes: `${publicBaseUrl}/upload/<token>` (PUT the bytes, handled
// by `acceptUpload`) and `${publicBaseUrl}/download/<token>` (checked by `verifyDownloadToken`).
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { PassThrough, Readable, Transform, pipeline as streamPipeline } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "~/shared/errors";
import { countBytes } from "../byte-count";
import { assertStorageKey } from "../storage-key";
import type {
  Disposition,
  DownloadOptions,
  MultipartUpload,
  StorageDriver,
  StoredObject,
  UploadedPart,
  UploadRequest,
  UploadTarget,
  WriteOptions,
} from "../storage-driver";
import { assertUploadSize, partCountFor, partSizeOf, ttlSeconds } from "../upload-limits";
import { createDecryptStream, createEncryptStream, deriveKey, plaintextSize } from "./file-encryption";
import { signToken, verifyToken } from "./signed-token";

export interface LocalDriverConfig {
  directory: string;
  /** Secret the file keys' wrapping key and the URL tokens' keys derive from (HKDF). */
  secret: string;
  maxBytes: number;
  partBytes: number;
  /** Base of the app routes serving uploads and downloads, e.g. "/api/files". */
  publicBaseUrl: string;
  uploadUrlTtlSeconds?: number;
  downloadUrlTtlSeconds?: number;
  downloadUrlMaxTtlSeconds?: number;
  /** Clock for token expiry (tests). */
  now?: () => number;
}

type UploadGrant =
  | { op: "put"; key: string; size: number }
  | { op: "part"; key: string; uploadId: string; partNumber: number; size: number };

export interface DownloadGrant {
  key: string;
  fileName: string;
  contentType: string;
  disposition: Disposition;
}

interface MultipartMeta {
  key: string;
  size: number;
  partSize: number;
  partCount: number;
  contentType: string;
}

const UPLOAD_ID = /^[a-f0-9]{32}$/;

export class LocalStorageDriver implements StorageDriver {
  readonly name = "local" as const;
  readonly maxBytes: number;
  readonly partBytes: number;
  private readonly fileKey: Buffer;
  private readonly uploadTokenKey: Buffer;
  private readonly downloadTokenKey: Buffer;
  private readonly now: () => number;

  constructor(private readonly config: LocalDriverConfig) {
    if (config.secret.length < 32) throw new Error("Local storage needs a secret of at least 32 characters");
    this.maxBytes = config.maxBytes;
    this.partBytes = config.partBytes;
    this.fileKey = deriveKey(config.secret, "local-file-key-wrap v1");
    this.uploadTokenKey = deriveKey(config.secret, "local-upload-token v1");
    this.downloadTokenKey = deriveKey(config.secret, "local-download-token v1");
    this.now = config.now ?? Date.now;
  }

  createUpload(key: string, request: UploadRequest): Promise<UploadTarget> {
    return rejectOnThrow(() => {
      assertStorageKey(key);
      assertUploadSize(request.size, this.maxBytes);
      return this.uploadTarget({ op: "put", key, size: request.size }, request.contentType, request.expiresIn);
    });
  }

  async startMultipart(key: string, request: Omit<UploadRequest, "expiresIn">): Promise<MultipartUpload> {
    assertStorageKey(key);
    assertUploadSize(request.size, this.maxBytes);
    const upload: MultipartUpload = {
      key,
      uploadId: randomBytes(16).toString("hex"),
      size: request.size,
      partSize: this.partBytes,
      partCount: partCountFor(request.size, this.partBytes),
    };
    const meta: MultipartMeta = { key, size: request.size, partSize: upload.partSize, partCount: upload.partCount, contentType: request.contentType };
    await mkdir(this.multipartDir(upload.uploadId), { recursive: true });
    await writeFile(join(this.multipartDir(upload.uploadId), "meta.json"), JSON.stringify(meta));
    return upload;
  }

  async presignPart(upload: MultipartUpload, partNumber: number, options: { expiresIn?: number } = {}): Promise<UploadTarget> {
    const meta = await this.readMeta(upload);
    const size = partSizeOf(partNumber, meta.size, meta.partSize);
    return this.uploadTarget({ op: "part", key: meta.key, uploadId: upload.uploadId, partNumber, size }, "application/octet-stream", options.expiresIn);
  }

  /**
   * Stores the body of an upload URL this driver issued. The body must have exactly the size the
   * token was issued for; on any failure (dropped connection included) nothing is kept, so the
   * client PUTs the same URL (or a fresh one) again.
   */
  async acceptUpload(token: string, body: Readable): Promise<StoredObject | UploadedPart> {
    const source = holdErrors(body);
    const grant = verifyToken<UploadGrant>(this.uploadTokenKey, token, this.now());
    if (grant.op === "put") {
      await this.writeEncrypted(source, this.objectPath(grant.key), grant.key, { exact: grant.size });
      return { key: grant.key, size: grant.size };
    }
    const dir = this.multipartDir(grant.uploadId);
    await this.readMeta({ key: grant.key, uploadId: grant.uploadId });
    const hash = createHash("sha256");
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    const partFile = partFileName(grant.partNumber);
    await this.writeEncrypted(source, join(dir, partFile), partContext(grant.uploadId, grant.partNumber), { exact: grant.size }, hashing);
    const part: UploadedPart = { partNumber: grant.partNumber, etag: hash.digest("hex").slice(0, 32), size: grant.size };
    await writeFile(join(dir, `${partFile}.json`), JSON.stringify(part));
    return part;
  }

  async listParts(upload: MultipartUpload): Promise<UploadedPart[]> {
    await this.readMeta(upload);
    const dir = this.multipartDir(upload.uploadId);
    const names = (await readdir(dir)).filter((name) => /^part-\d{5}\.json$/.test(name)).sort();
    return Promise.all(names.map(async (name) => JSON.parse(await readFile(join(dir, name), "utf8")) as UploadedPart));
  }

  async completeMultipart(upload: MultipartUpload, parts: UploadedPart[]): Promise<StoredObject> {
    const meta = await this.readMeta(upload);
    const stored = new Map((await this.listParts(upload)).map((part) => [part.partNumber, part]));
    for (let partNumber = 1; partNumber <= meta.partCount; partNumber++) {
      const have = stored.get(partNumber);
      if (!have) throw new AppError("BAD_REQUEST", `Part ${partNumber} of ${meta.partCount} has not been uploaded`);
      const claimed = parts.find((part) => part.partNumber === partNumber);
      if (claimed && claimed.etag.replaceAll('"', "") !== have.etag) throw new AppError("BAD_REQUEST", `Part ${partNumber} does not match its ETag`);
    }
    const dir = this.multipartDir(upload.uploadId);
    const readPlain = (partNumber: number) => this.decryptFile(join(dir, partFileName(partNumber)), partContext(upload.uploadId, partNumber));
    async function* assembled() {
      for (let partNumber = 1; partNumber <= meta.partCount; partNumber++) yield* readPlain(partNumber);
    }
    await this.writeEncrypted(Readable.from(assembled()), this.objectPath(meta.key), meta.key, { exact: meta.size });
    await rm(dir, { recursive: true, force: true });
    return { key: meta.key, size: meta.size };
  }

  async abortMultipart(upload: MultipartUpload): Promise<void> {
    await this.readMeta(upload);
    await rm(this.multipartDir(upload.uploadId), { recursive: true, force: true });
  }

  async write(key: string, body: Readable, _options: WriteOptions): Promise<StoredObject> {
    assertStorageKey(key);
    const size = await this.writeEncrypted(body, this.objectPath(key), key, {});
    return { key, size };
  }

  async read(key: string): Promise<Readable> {
    const path = this.objectPath(assertStorageKey(key));
    if (!(await this.stat(key))) throw new AppError("NOT_FOUND", "File not found");
    return this.decryptFile(path, key);
  }

  async stat(key: string): Promise<StoredObject | null> {
    try {
      const info = await stat(this.objectPath(assertStorageKey(key)));
      // A key that is only a prefix of others ("chat-1" of "chat-1/abc") is a directory, not a file.
      return info.isFile() ? { key, size: plaintextSize(info.size) } : null;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.objectPath(assertStorageKey(key)), { force: true });
  }

  signedDownloadUrl(key: string, options: DownloadOptions): Promise<string> {
    return rejectOnThrow(() => {
      assertStorageKey(key);
      const seconds = ttlSeconds(options.expiresIn, this.config.downloadUrlTtlSeconds ?? 300, this.config.downloadUrlMaxTtlSeconds ?? 900);
      const grant: DownloadGrant = { key, fileName: options.fileName, contentType: options.contentType, disposition: options.disposition };
      const token = signToken(this.downloadTokenKey, grant, new Date(this.now() + seconds * 1000));
      return `${this.config.publicBaseUrl}/download/${token}`;
    });
  }

  /** What a download token allows; throws FORBIDDEN when forged, altered or expired. */
  verifyDownloadToken(token: string): DownloadGrant {
    const { key, fileName, contentType, disposition } = verifyToken<DownloadGrant>(this.downloadTokenKey, token, this.now());
    return { key: assertStorageKey(key), fileName, contentType, disposition };
  }

  /** Removes resumable uploads and temporary files untouched for `olderThanMs` (for a periodic job). */
  async removeStaleUploads(olderThanMs: number): Promise<number> {
    let removed = 0;
    for (const area of ["multipart", "tmp"]) {
      const dir = join(this.config.directory, area);
      const names = await readdirIfExists(dir);
      for (const name of names) {
        const path = join(dir, name);
        const info = await stat(path).catch(() => null);
        if (info && this.now() - info.mtimeMs > olderThanMs) {
          await rm(path, { recursive: true, force: true });
          removed++;
        }
      }
    }
    return removed;
  }

  private uploadTarget(grant: UploadGrant, contentType: string, expiresIn: number | undefined): UploadTarget {
    const seconds = ttlSeconds(expiresIn, this.config.uploadUrlTtlSeconds ?? 3600, 24 * 3600);
    const expiresAt = new Date(this.now() + seconds * 1000);
    const token = signToken(this.uploadTokenKey, grant, expiresAt);
    return { method: "PUT", url: `${this.config.publicBaseUrl}/upload/${token}`, headers: { "Content-Type": contentType }, expiresAt };
  }

  /** Encrypts `body` into a temporary file, then renames it to `path`; returns the plaintext size. */
  private async writeEncrypted(
    body: Readable,
    path: string,
    context: string,
    limit: { exact?: number; max?: number },
    observer: Transform = new PassThrough(),
  ): Promise<number> {
    const tmpDir = join(this.config.directory, "tmp");
    const tmp = join(tmpDir, randomBytes(12).toString("hex"));
    await mkdir(tmpDir, { recursive: true });
    const counter = countBytes(limit);
    try {
      await pipeline(body, counter, observer, createEncryptStream(this.fileKey, context), createWriteStream(tmp));
      await mkdir(dirname(path), { recursive: true });
      await rename(tmp, path);
      return counter.bytes;
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  private decryptFile(path: string, context: string): Readable {
    const decrypt = createDecryptStream(this.fileKey, context);
    const file = createReadStream(path);
    file.on("error", (error) => decrypt.destroy(error));
    decrypt.on("close", () => file.destroy());
    return file.pipe(decrypt);
  }

  private async readMeta(upload: Pick<MultipartUpload, "key" | "uploadId">): Promise<MultipartMeta> {
    if (!UPLOAD_ID.test(upload.uploadId)) throw new AppError("BAD_REQUEST", "Invalid upload id");
    try {
      const meta = JSON.parse(await readFile(join(this.multipartDir(upload.uploadId), "meta.json"), "utf8")) as MultipartMeta;
      if (meta.key !== upload.key) throw new AppError("BAD_REQUEST", "Upload id belongs to another file");
      return meta;
    } catch (error) {
      if (isNotFound(error)) throw new AppError("NOT_FOUND", "Upload not found (completed, aborted or expired)");
      throw error;
    }
  }

  private objectPath(key: string): string {
    return join(this.config.directory, "objects", key);
  }

  private multipartDir(uploadId: string): string {
    return join(this.config.directory, "multipart", uploadId);
  }
}

/**
 * Takes charge of a request body's errors at once: a connection dropped while the driver is still
 * checking the token is then reported by the pipeline reading the returned stream, not thrown as
 * an uncaught exception.
 */
function holdErrors(body: Readable): Readable {
  const held = new PassThrough();
  held.on("error", () => undefined);
  streamPipeline(body, held, () => undefined);
  return held;
}

function partFileName(partNumber: number): string {
  return `part-${String(partNumber).padStart(5, "0")}`;
}

function partContext(uploadId: string, partNumber: number): string {
  return `multipart/${uploadId}/${partNumber}`;
}

/** Runs synchronous work behind a Promise-returning method, keeping its errors as rejections. */
function rejectOnThrow<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}

async function readdirIfExists(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === "ENOENT";
}
