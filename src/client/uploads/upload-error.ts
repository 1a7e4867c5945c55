// Why an upload stopped, and whether trying the same step again could help.
import { TRPCClientError } from "@trpc/client";

/** A PUT to the storage that did not answer 2xx (status 0: the network failed). */
export class PutError extends Error {
  constructor(readonly status: number) {
    super(status ? `Upload refused (HTTP ${status})` : "Network error during upload");
    this.name = "PutError";
  }
}

/** Refused on the client before anything was sent (too large, over quota). */
export class UploadRefusedError extends Error {
  constructor(
    readonly code: "PAYLOAD_TOO_LARGE" | "STORAGE_QUOTA_EXCEEDED",
    message: string,
  ) {
    super(message);
    this.name = "UploadRefusedError";
  }
}

export interface UploadFailure {
  code: string;
  message: string;
  /** A network blip or a server hiccup: the same step may succeed if tried again. */
  retryable: boolean;
}

export function classifyUploadError(error: unknown): UploadFailure {
  if (error instanceof UploadRefusedError) return { code: error.code, message: error.message, retryable: false };
  // A storage PUT: a fresh signed URL is asked for on every attempt, so even 403 (expired) may pass.
  if (error instanceof PutError) return { code: error.status ? `HTTP_${error.status}` : "NETWORK", message: error.message, retryable: true };
  if (error instanceof TRPCClientError) {
    const data = error.data as { httpStatus?: number; appCode?: string | null; code?: string } | undefined;
    const status = data?.httpStatus ?? 0;
    const code = data?.appCode ?? data?.code ?? "NETWORK";
    const refused = status >= 400 && status < 500 && status !== 408 && status !== 429;
    return { code, message: error.message, retryable: !refused };
  }
  return { code: "NETWORK", message: error instanceof Error ? error.message : String(error), retryable: true };
}
