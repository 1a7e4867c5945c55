// The `uploadthing` driver: files on UploadThing (v7), addressed by their `customId`, which is our
// storage key with "/" written as "~" (UploadThing serves `https://<appId>.ufs.sh/f/<customId>`).
// - createUpload: an ingest URL signed here with the token's API key, exactly as UploadThing's own
//   SDK signs it (@uploadthing/shared's generateKey + generateSignedURL, no network). The browser
//   PUTs a multipart/form-data body with the file in the field "file" (`body: "form-data"`).
//   Files are uploaded private (`x-ut-acl`) and as `attachment` (never rendered inline).
// - UploadThing takes every file in one upload, resuming it itself (the `Range` header), so
//   `partBytes` is `maxBytes` and the multipart methods are never reached.
// - read/stat: GET/HEAD of the file's signed URL; delete: UTApi.deleteFiles by customId;
//   signedDownloadUrl: UTApi.generateSignedURL (signed locally, no network).
// - write (thumbnails, EXIF-free copies): spooled to a temporary file (to learn the size the URL
//   signs), then the same form-data PUT as a browser's, read from that file: memory stays flat.
import { randomBytes } from "node:crypto";
import { createWriteStream, openAsBlob } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { UTApi } from "uploadthing/server";
import { AppError } from "~/shared/errors";
import { countBytes } from "../byte-count";
import { assertStorageKey } from "../storage-key";
import type { DownloadOptions, MultipartUpload, StorageDriver, StoredObject, UploadRequest, UploadTarget, UploadedPart, WriteOptions } from "../storage-driver";
import { assertUploadSize, ttlSeconds } from "../upload-limits";
import { parseUploadThingToken, uploadThingOrigins, type UploadThingToken } from "./uploadthing-token";
import { signUploadThingUrl, uploadThingFileKey } from "./ut-signing";

export interface UploadThingDriverConfig {
  /** UPLOADTHING_TOKEN. */
  token: string;
  maxBytes: number;
  /** Injected in tests; everything the driver sends to UploadThing goes through it. */
  fetch?: typeof fetch;
  uploadUrlTtlSeconds?: number;
  downloadUrlTtlSeconds?: number;
  downloadUrlMaxTtlSeconds?: number;
}

/** UploadThing's limit on a custom id. */
const CUSTOM_ID_MAX = 128;

function customIdOf(key: string): string {
  const id = assertStorageKey(key).replaceAll("/", "~");
  if (id.length > CUSTOM_ID_MAX) throw new AppError("BAD_REQUEST", `Storage key is longer than UploadThing's ${CUSTOM_ID_MAX} characters`);
  return id;
}

const notPossible = () =>
  new AppError("BAD_REQUEST", "The uploadthing driver takes every file in one upload (UploadThing resumes it itself); it has no parts");

export class UploadThingStorageDriver implements StorageDriver {
  readonly name = "uploadthing";
  readonly maxBytes: number;
  /** One upload per file whatever its size: the app never asks for parts. */
  readonly partBytes: number;
  private readonly token: UploadThingToken;
  private readonly fetch: typeof fetch;
  private readonly utapi: UTApi;

  constructor(private readonly config: UploadThingDriverConfig) {
    this.token = parseUploadThingToken(config.token);
    this.maxBytes = config.maxBytes;
    this.partBytes = config.maxBytes;
    this.fetch = config.fetch ?? globalThis.fetch;
    this.utapi = new UTApi({ token: config.token, fetch: this.fetch, logLevel: "Error" });
  }

  async createUpload(key: string, request: UploadRequest): Promise<UploadTarget> {
    assertUploadSize(request.size, this.maxBytes);
    const customId = customIdOf(key);
    const name = request.fileName ?? customId;
    // UploadThing's own key scheme (the app id's prefix plus a hash), unique per slot.
    const fileKey = uploadThingFileKey(this.token.appId, [customId, String(Date.now()), randomBytes(16).toString("hex")]);
    const ttl = ttlSeconds(request.expiresIn, this.config.uploadUrlTtlSeconds ?? 3600, 7 * 24 * 3600);
    // The same fields UploadThing's SDK signs into an ingest URL (uploadFiles' presigned URL).
    const url = await signUploadThingUrl(`${uploadThingOrigins(this.token).ingest}/${fileKey}`, this.token.apiKey, ttl, {
      "x-ut-identifier": this.token.appId,
      "x-ut-file-name": name,
      "x-ut-file-size": request.size,
      "x-ut-file-type": request.contentType,
      "x-ut-custom-id": customId,
      "x-ut-content-disposition": "attachment",
      "x-ut-acl": "private",
    });
    const expiresAt = new Date(Number(new URL(url).searchParams.get("expires")));
    return { method: "PUT", url, headers: { Range: "bytes=0-" }, body: "form-data", expiresAt };
  }

  startMultipart(): Promise<MultipartUpload> {
    return Promise.reject(notPossible());
  }

  presignPart(): Promise<UploadTarget> {
    return Promise.reject(notPossible());
  }

  listParts(): Promise<UploadedPart[]> {
    return Promise.resolve([]);
  }

  completeMultipart(): Promise<StoredObject> {
    return Promise.reject(notPossible());
  }

  /** Nothing to drop: no multipart upload is ever started. */
  abortMultipart(): Promise<void> {
    return Promise.resolve();
  }

  async write(key: string, body: Readable, options: WriteOptions): Promise<StoredObject> {
    const customId = customIdOf(key);
    const directory = await mkdtemp(join(tmpdir(), "bm-ut-"));
    try {
      const spooled = join(directory, "file");
      const counter = countBytes({ max: this.maxBytes });
      await pipeline(body, counter, createWriteStream(spooled));
      // The same signed form-data PUT a browser makes, with a Blob read from the file as it is sent.
      const target = await this.createUpload(key, { size: counter.bytes, contentType: options.contentType });
      const form = new FormData();
      form.append("file", await openAsBlob(spooled, { type: options.contentType }), customId);
      const res = await this.fetch(target.url, { method: target.method, headers: target.headers, body: form });
      if (!res.ok) throw new Error(`UploadThing refused ${key}: ${res.status} ${(await res.text()).slice(0, 200)}`);
      return { key, size: counter.bytes };
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }

  async read(key: string): Promise<Readable> {
    const res = await this.fetch(await this.fileUrl(key, 300));
    if (res.status === 404) throw new AppError("NOT_FOUND", "File not found");
    if (!res.ok || !res.body) throw new Error(`UploadThing answered ${res.status} for ${key}`);
    return Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>);
  }

  async stat(key: string): Promise<StoredObject | null> {
    const res = await this.fetch(await this.fileUrl(key, 60), { method: "HEAD" });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`UploadThing answered ${res.status} for ${key}`);
    return { key, size: Number(res.headers.get("content-length") ?? 0) };
  }

  async delete(key: string): Promise<void> {
    await this.utapi.deleteFiles(customIdOf(key), { keyType: "customId" });
  }

  /** UploadThing serves the name and disposition given at upload; the URL cannot override them. */
  async signedDownloadUrl(key: string, options: DownloadOptions): Promise<string> {
    return this.fileUrl(key, ttlSeconds(options.expiresIn, this.config.downloadUrlTtlSeconds ?? 300, this.config.downloadUrlMaxTtlSeconds ?? 900));
  }

  private async fileUrl(key: string, expiresIn: number): Promise<string> {
    return (await this.utapi.generateSignedURL(customIdOf(key), { expiresIn })).ufsUrl;
  }
}
