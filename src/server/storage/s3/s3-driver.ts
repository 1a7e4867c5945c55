// The `s3` driver: any S3-compatible store (AWS S3, Cloudflare R2, MinIO). Browsers PUT and GET the
// bytes directly through presigned URLs; the app only signs them. Server-side encryption is
// requested on every write (`serverSideEncryption`, null to leave it to the bucket's default).
// The bucket's CORS rules must allow PUT from the app's origin and expose the `ETag` header
// (multipart completion needs each part's ETag).
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
  type ServerSideEncryption,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { Readable } from "node:stream";
import { contentDisposition } from "~/server/media/content-headers";
import { AppError } from "~/shared/errors";
import { assertStorageKey } from "../storage-key";
import type {
  DownloadOptions,
  MultipartUpload,
  StorageDriver,
  StoredObject,
  UploadedPart,
  UploadRequest,
  UploadTarget,
  WriteOptions,
} from "../storage-driver";
import { S3_MIN_PART_BYTES, assertUploadSize, partCountFor, partSizeOf, ttlSeconds } from "../upload-limits";

export interface S3DriverConfig {
  bucket: string;
  region: string;
  /** Unset for AWS; e.g. https://<account>.r2.cloudflarestorage.com or http://minio:9000. */
  endpoint?: string;
  /** Path-style URLs (endpoint/bucket/key): MinIO and most self-hosted stores need it. */
  forcePathStyle: boolean;
  /** Unset: the SDK's default chain (environment, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** "AES256" (SSE-S3) or "aws:kms"; null sends no header (R2 and MinIO encrypt per their own settings). */
  serverSideEncryption: "AES256" | "aws:kms" | null;
  maxBytes: number;
  partBytes: number;
  uploadUrlTtlSeconds?: number;
  downloadUrlTtlSeconds?: number;
  downloadUrlMaxTtlSeconds?: number;
}

// S3 accepts single PUTs up to 5 GiB.
const S3_MAX_SINGLE_PUT_BYTES = 5 * 1024 ** 3;

export class S3StorageDriver implements StorageDriver {
  readonly name = "s3" as const;
  readonly maxBytes: number;
  readonly partBytes: number;
  readonly client: S3Client;

  constructor(private readonly config: S3DriverConfig) {
    if (config.partBytes < S3_MIN_PART_BYTES) throw new Error(`UPLOAD_PART_BYTES must be at least ${S3_MIN_PART_BYTES} for S3`);
    this.maxBytes = config.maxBytes;
    this.partBytes = config.partBytes;
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials: config.credentials,
      // Checksums computed by the SDK at signing time would bind a presigned URL to an empty body.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  async createUpload(key: string, request: UploadRequest): Promise<UploadTarget> {
    assertStorageKey(key);
    assertUploadSize(request.size, Math.min(this.maxBytes, S3_MAX_SINGLE_PUT_BYTES));
    const command = new PutObjectCommand({
      Bucket: this.config.bucket,
      Key: key,
      ContentType: request.contentType,
      ContentLength: request.size,
      ...this.encryption(),
    });
    const seconds = this.uploadTtl(request.expiresIn);
    const url = await getSignedUrl(this.client, command, presignPutOptions(seconds));
    return { method: "PUT", url, headers: { "Content-Type": request.contentType, ...this.encryptionHeaders() }, expiresAt: expiresAfter(seconds) };
  }

  async startMultipart(key: string, request: Omit<UploadRequest, "expiresIn">): Promise<MultipartUpload> {
    assertStorageKey(key);
    assertUploadSize(request.size, this.maxBytes);
    const partCount = partCountFor(request.size, this.partBytes);
    const { UploadId } = await this.client.send(
      new CreateMultipartUploadCommand({ Bucket: this.config.bucket, Key: key, ContentType: request.contentType, ...this.encryption() }),
    );
    if (!UploadId) throw new Error("S3 did not return an upload id");
    return { key, uploadId: UploadId, size: request.size, partSize: this.partBytes, partCount };
  }

  async presignPart(upload: MultipartUpload, partNumber: number, options: { expiresIn?: number } = {}): Promise<UploadTarget> {
    assertStorageKey(upload.key);
    const ContentLength = partSizeOf(partNumber, upload.size, upload.partSize);
    const command = new UploadPartCommand({ Bucket: this.config.bucket, Key: upload.key, UploadId: upload.uploadId, PartNumber: partNumber, ContentLength });
    const seconds = this.uploadTtl(options.expiresIn);
    // A part has no type of its own: only its length is bound (the SDK would sign a default type).
    const url = await getSignedUrl(this.client, command, { ...presignPutOptions(seconds), signableHeaders: new Set(["content-length"]), unsignableHeaders: new Set(["content-type"]) });
    return { method: "PUT", url, headers: {}, expiresAt: expiresAfter(seconds) };
  }

  async listParts(upload: MultipartUpload): Promise<UploadedPart[]> {
    const parts: UploadedPart[] = [];
    let marker: string | undefined;
    do {
      const page = await this.found(this.client.send(new ListPartsCommand({ Bucket: this.config.bucket, Key: assertStorageKey(upload.key), UploadId: upload.uploadId, PartNumberMarker: marker })));
      for (const part of page.Parts ?? []) {
        if (part.PartNumber && part.ETag) parts.push({ partNumber: part.PartNumber, etag: part.ETag, size: part.Size });
      }
      marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
    } while (marker);
    return parts;
  }

  async completeMultipart(upload: MultipartUpload, parts: UploadedPart[]): Promise<StoredObject> {
    const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
    if (sorted.length !== upload.partCount || sorted.some((part, index) => part.partNumber !== index + 1)) {
      throw new AppError("BAD_REQUEST", `Expected parts 1..${upload.partCount}, got ${sorted.length}`);
    }
    await this.found(
      this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.config.bucket,
          Key: assertStorageKey(upload.key),
          UploadId: upload.uploadId,
          MultipartUpload: { Parts: sorted.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })) },
        }),
      ),
    );
    const stored = await this.stat(upload.key);
    if (!stored) throw new Error("S3 completed the upload but the object is missing");
    return stored;
  }

  async abortMultipart(upload: MultipartUpload): Promise<void> {
    await this.found(this.client.send(new AbortMultipartUploadCommand({ Bucket: this.config.bucket, Key: assertStorageKey(upload.key), UploadId: upload.uploadId })));
  }

  /** Buffers at most one part in memory: a single PUT when the body fits one part, multipart beyond. */
  async write(key: string, body: Readable, options: WriteOptions): Promise<StoredObject> {
    assertStorageKey(key);
    const { bucket } = this.config;
    let chunks: Buffer[] = [];
    let buffered = 0;
    let total = 0;
    let uploadId: string | undefined;
    const parts: { PartNumber: number; ETag: string | undefined }[] = [];

    const sendPart = async () => {
      uploadId ??= (await this.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: options.contentType, ...this.encryption() })))
        .UploadId;
      const PartNumber = parts.length + 1;
      const { ETag } = await this.client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber, Body: Buffer.concat(chunks) }));
      parts.push({ PartNumber, ETag });
      chunks = [];
      buffered = 0;
    };

    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        chunks.push(chunk);
        buffered += chunk.length;
        total += chunk.length;
        if (buffered >= this.partBytes) await sendPart();
      }
      if (!uploadId) {
        await this.client.send(
          new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: options.contentType, Body: Buffer.concat(chunks), ...this.encryption() }),
        );
        return { key, size: total };
      }
      if (buffered > 0) await sendPart();
      await this.client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
      return { key, size: total };
    } catch (error) {
      if (uploadId) await this.client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId })).catch(() => undefined);
      throw error;
    }
  }

  async read(key: string): Promise<Readable> {
    const { Body } = await this.found(this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: assertStorageKey(key) })));
    if (!Body) throw new AppError("NOT_FOUND", "File not found");
    return Body as Readable;
  }

  async stat(key: string): Promise<StoredObject | null> {
    try {
      const head = await this.found(this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: assertStorageKey(key) })));
      return { key, size: head.ContentLength ?? 0 };
    } catch (error) {
      if (error instanceof AppError && error.code === "NOT_FOUND") return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.found(this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: assertStorageKey(key) })));
  }

  async signedDownloadUrl(key: string, options: DownloadOptions): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.config.bucket,
      Key: assertStorageKey(key),
      ResponseContentType: options.contentType,
      ResponseContentDisposition: contentDisposition(options.disposition, options.fileName),
    });
    const expiresIn = ttlSeconds(options.expiresIn, this.config.downloadUrlTtlSeconds ?? 300, this.config.downloadUrlMaxTtlSeconds ?? 900);
    return getSignedUrl(this.client, command, { expiresIn });
  }

  private uploadTtl(requested: number | undefined): number {
    return ttlSeconds(requested, this.config.uploadUrlTtlSeconds ?? 3600, 7 * 24 * 3600 - 1);
  }

  private encryption(): { ServerSideEncryption?: ServerSideEncryption } {
    return this.config.serverSideEncryption ? { ServerSideEncryption: this.config.serverSideEncryption } : {};
  }

  private encryptionHeaders(): Record<string, string> {
    return this.config.serverSideEncryption ? { "x-amz-server-side-encryption": this.config.serverSideEncryption } : {};
  }

  /** Awaits an S3 call, turning "no such key/upload" into NOT_FOUND. */
  private async found<T>(request: Promise<T>): Promise<T> {
    try {
      return await request;
    } catch (error) {
      if (error instanceof S3ServiceException && (error.$metadata.httpStatusCode === 404 || error.name === "NoSuchKey" || error.name === "NoSuchUpload")) {
        throw new AppError("NOT_FOUND", "File not found");
      }
      throw error;
    }
  }
}

function presignPutOptions(expiresIn: number) {
  return {
    expiresIn,
    // Signed headers the client must send: the declared type, size and encryption cannot be changed.
    signableHeaders: new Set(["content-type", "content-length"]),
    unhoistableHeaders: new Set(["x-amz-server-side-encryption"]),
  };
}

function expiresAfter(seconds: number): Date {
  return new Date(Date.now() + seconds * 1000);
}
