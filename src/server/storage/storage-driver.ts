// The one storage interface every driver implements. Framework-free: the app's routes and
// background jobs use it alike.
//
// Flow of an upload (the app decides who may upload what; the driver only moves bytes):
// 1. The app picks an opaque object key (see storage-key.ts) and asks for a target:
//    - `createUpload(key, { size, contentType })` for files up to `partBytes`: one PUT.
//    - above that, `startMultipart` then `presignPart` per part (`partCountFor` tells how many),
//      `completeMultipart` with the parts' ETags. A dropped part is simply PUT again; `listParts`
//      tells a resuming client which parts already arrived. `abortMultipart` drops it all.
//    Both give an `UploadTarget`: a URL the browser PUTs the raw bytes to, with the headers it
//    must send. For `s3` that is a presigned S3 URL (the bytes never cross the app); for `local`
//    it is an app route carrying a signed upload token, which the route hands to
//    `LocalStorageDriver.acceptUpload(token, body)`; for `uploadthing` it is UploadThing's ingest
//    URL signed by the app, taking a form-data body (`body: "form-data"`), and `partBytes` equals
//    `maxBytes` (UploadThing takes each file whole and resumes it itself).
// 2. Server-side code (thumbnails, a re-encoded image without EXIF) stores bytes with `write`.
// 3. Reading: `read(key)` streams the stored plaintext (for jobs and the app); browsers get
//    `signedDownloadUrl(key, …)`: a presigned GET for `s3`, an app route with a signed, expiring
//    token for `local` (the route checks it with `LocalStorageDriver.verifyDownloadToken`), a
//    signed file URL for `uploadthing`.
// Sizes are byte counts as JS numbers: exact up to 2^53 − 1 (8 PiB), far above any limit here.
import type { Readable } from "node:stream";

type StorageDriverName = "local" | "s3" | "uploadthing";

export type Disposition = "inline" | "attachment";

/** Where and how a client sends bytes: a `PUT` to `url` with `headers`. */
export interface UploadTarget {
  method: "PUT";
  url: string;
  /** Headers the client must send exactly as given (they are part of the signature). */
  headers: Record<string, string>;
  /** The request body: the raw bytes (absent or "raw": local, s3), or multipart/form-data with the
   * file in the field "file" ("form-data": UploadThing's ingest). */
  body?: "raw" | "form-data";
  expiresAt: Date;
}

export interface UploadRequest {
  /** The user's file name, for stores that serve a file under the name it was uploaded with (UploadThing). */
  fileName?: string;
  /** Exact byte count of the file; the upload is refused if the body differs. */
  size: number;
  contentType: string;
  /** Seconds the target stays valid (default: the driver's `uploadUrlTtlSeconds`). */
  expiresIn?: number;
}

export interface MultipartUpload {
  key: string;
  uploadId: string;
  /** Total bytes of the file. */
  size: number;
  /** Every part but the last has exactly this many bytes. */
  partSize: number;
  partCount: number;
}

export interface UploadedPart {
  partNumber: number;
  /** The ETag the part's PUT answered with (S3) or the driver recorded (local). */
  etag: string;
  size?: number;
}

export interface StoredObject {
  key: string;
  size: number;
}

export interface DownloadOptions {
  /** The name the browser saves the file as (the user's original name). */
  fileName: string;
  contentType: string;
  disposition: Disposition;
  /** Seconds; capped by the driver's `downloadUrlMaxTtlSeconds`. */
  expiresIn?: number;
}

export interface WriteOptions {
  contentType: string;
}

export interface StorageDriver {
  readonly name: StorageDriverName;
  /** Largest file accepted, in bytes. */
  readonly maxBytes: number;
  /** Files above this size go through multipart; it is also the part size. */
  readonly partBytes: number;

  createUpload(key: string, request: UploadRequest): Promise<UploadTarget>;

  startMultipart(key: string, request: Omit<UploadRequest, "expiresIn">): Promise<MultipartUpload>;
  presignPart(upload: MultipartUpload, partNumber: number, options?: { expiresIn?: number }): Promise<UploadTarget>;
  listParts(upload: MultipartUpload): Promise<UploadedPart[]>;
  completeMultipart(upload: MultipartUpload, parts: UploadedPart[]): Promise<StoredObject>;
  abortMultipart(upload: MultipartUpload): Promise<void>;

  /** Stores bytes produced on the server (memory stays bounded by one part whatever the size). */
  write(key: string, body: Readable, options: WriteOptions): Promise<StoredObject>;
  /** The stored bytes (decrypted for `local`); fails with NOT_FOUND when the key is unknown. */
  read(key: string): Promise<Readable>;
  /** Size of the stored object, or null when there is none. */
  stat(key: string): Promise<StoredObject | null>;
  /** Removes the object; deleting a missing key is not an error. */
  delete(key: string): Promise<void>;

  signedDownloadUrl(key: string, options: DownloadOptions): Promise<string>;
}
