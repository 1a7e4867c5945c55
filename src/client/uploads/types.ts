// What the upload engine needs of the server (the tRPC `attachment` router) and of the network
// (a PUT with progress). Plain data only, so a job's state can be stored (IndexedDB) and resumed.
import type { AttachmentDto } from "~/shared/realtime/events";

export interface UploadTarget {
  method: "PUT";
  url: string;
  headers: Record<string, string>;
  /** "form-data": the file goes as the field `file` of a multipart/form-data body (UploadThing). */
  body?: "form-data";
  expiresAt: string;
}

export interface UploadedPart {
  partNumber: number;
  etag: string;
}

/** createUpload's plan: null when the file is already stored (asked again with the same clientId). */
export type UploadPlan =
  | null
  | { kind: "single"; target: UploadTarget }
  | { kind: "multipart"; partSize: number; partCount: number; uploadedParts: UploadedPart[] };

type UploadPurpose = "FILE" | "VOICE" | "AVATAR";

/** A voice message's measurements, stored by attachment.complete. */
export interface VoiceMeasurements {
  durationMs: number;
  waveform: number[];
}

export interface CreateUploadInput {
  /** None for an avatar. */
  chatId?: string;
  clientId: string;
  fileName: string;
  size: number;
  contentType: string;
  purpose: UploadPurpose;
}

export interface UploadApi {
  createUpload(input: CreateUploadInput): Promise<{ attachment: AttachmentDto; upload: UploadPlan }>;
  uploadPart(input: { attachmentId: string; partNumber: number }): Promise<{ target: UploadTarget }>;
  complete(input: { attachmentId: string; parts?: UploadedPart[]; durationMs?: number; waveform?: number[] }): Promise<AttachmentDto>;
  abort(input: { attachmentId: string }): Promise<unknown>;
}

/** PUTs a body to a target, reporting bytes sent; resolves with the response's ETag. */
export type PutBlob = (target: UploadTarget, body: Blob, onProgress: (loaded: number) => void, signal: AbortSignal) => Promise<{ etag: string | null }>;

type UploadStatus = "uploading" | "completing" | "done" | "failed" | "cancelled";

/** A job's whole state: JSON, keyed by clientId (the outbox can keep it beside the file and resume). */
export interface UploadJobState extends CreateUploadInput {
  status: UploadStatus;
  /** VOICE: sent with complete. */
  voice?: VoiceMeasurements;
  /** Bytes sent so far (for the progress bar). */
  loaded: number;
  attachmentId: string | null;
  attachment: AttachmentDto | null;
  /** `code` is a tRPC/app code (PAYLOAD_TOO_LARGE, NOT_FOUND, ...) or NETWORK; `retryable`: trying
   * again later may pass (the outbox waits and retries), else the server refused the file. */
  error: { code: string; message: string; retryable: boolean } | null;
}

/** What the client knows of the limits before sending a byte (the server checks again). */
export interface UploadLimits {
  maxFileBytes?: number;
  /** Quota left for this person. */
  remainingBytes?: number;
}
