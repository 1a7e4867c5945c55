// One file's upload: slot (attachment.createUpload) → the bytes (one PUT, or parts PUT a few at a
// time, each retried with back-off on a fresh signed URL) → attachment.complete. Cancel aborts the
// requests and the slot; retry starts over with the same clientId, so the server hands back the
// same attachment and the parts it already has (resume). Framework-free; the state is plain JSON.
import type { AttachmentDto } from "~/shared/realtime/events";
import { classifyUploadError, UploadRefusedError } from "./upload-error";
import type { CreateUploadInput, PutBlob, UploadApi, UploadedPart, UploadJobState, UploadLimits, UploadPlan, VoiceMeasurements } from "./types";

export interface UploadDeps {
  api: UploadApi;
  put: PutBlob;
  limits?: UploadLimits;
  /** Parts in flight at once. */
  parallelParts?: number;
  /** Tries of one PUT (or part) before the job fails. */
  attempts?: number;
  backoffMs?: (attempt: number) => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const defaultBackoff = (attempt: number) => Math.min(15_000, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new Cancelled("aborted"));
    });
  });
}

class Cancelled extends Error {}

export class UploadJob {
  private current: UploadJobState;
  private listeners = new Set<(state: UploadJobState) => void>();
  private controller: AbortController | null = null;
  private running: Promise<AttachmentDto | null> | null = null;

  constructor(
    readonly file: Blob,
    input: CreateUploadInput & { voice?: VoiceMeasurements },
    private readonly deps: UploadDeps,
    /** A stored state (after a reload) to resume from. */
    saved?: UploadJobState,
  ) {
    this.current = saved ?? { ...input, status: "uploading", loaded: 0, attachmentId: null, attachment: null, error: null };
  }

  get state(): UploadJobState {
    return this.current;
  }

  get clientId(): string {
    return this.current.clientId;
  }

  subscribe(listener: (state: UploadJobState) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Runs the upload; resolves with the stored attachment, or null when it failed or was cancelled. */
  start(): Promise<AttachmentDto | null> {
    if (this.current.status === "done") return Promise.resolve(this.current.attachment);
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  retry(): Promise<AttachmentDto | null> {
    if (this.current.status !== "failed") return this.start();
    this.set({ status: "uploading", error: null });
    return this.start();
  }

  /** Stops the requests and frees the slot on the server. */
  async cancel(): Promise<void> {
    if (this.current.status === "done" || this.current.status === "cancelled") return;
    this.controller?.abort(new Cancelled("cancelled"));
    this.set({ status: "cancelled", error: null });
    const attachmentId = this.current.attachmentId;
    if (attachmentId) await this.deps.api.abort({ attachmentId }).catch(() => undefined);
  }

  private set(patch: Partial<UploadJobState>) {
    this.current = { ...this.current, ...patch };
    for (const listener of this.listeners) listener(this.current);
  }

  private async run(): Promise<AttachmentDto | null> {
    const controller = new AbortController();
    this.controller = controller;
    try {
      this.checkLimits();
      const { attachment, upload } = await this.deps.api.createUpload(this.input());
      this.set({ attachmentId: attachment.id });
      const parts = await this.send(attachment.id, upload, controller.signal);
      this.set({ status: "completing", loaded: this.current.size });
      const stored = upload === null ? attachment : await this.deps.api.complete({ attachmentId: attachment.id, ...(parts ? { parts } : {}), ...this.current.voice });
      if (this.current.status === "cancelled") return null;
      this.set({ status: "done", attachment: stored, loaded: this.current.size });
      return stored;
    } catch (error) {
      if (this.current.status === "cancelled") return null;
      // Stop the other parts still in flight.
      controller.abort(error);
      const { code, message, retryable } = classifyUploadError(error);
      this.set({ status: "failed", error: { code, message, retryable } });
      return null;
    }
  }

  private input(): CreateUploadInput {
    const { chatId, clientId, fileName, size, contentType, purpose } = this.current;
    return { chatId, clientId, fileName, size, contentType, purpose };
  }

  private checkLimits() {
    const { maxFileBytes, remainingBytes } = this.deps.limits ?? {};
    const size = this.current.size;
    if (maxFileBytes !== undefined && size > maxFileBytes) throw new UploadRefusedError("PAYLOAD_TOO_LARGE", `The file is larger than the ${maxFileBytes}-byte limit`);
    if (remainingBytes !== undefined && size > remainingBytes) throw new UploadRefusedError("STORAGE_QUOTA_EXCEEDED", "Not enough storage left for this file");
  }

  /** Sends the bytes; the parts' ETags for a multipart upload. */
  private async send(attachmentId: string, plan: UploadPlan, signal: AbortSignal): Promise<UploadedPart[] | undefined> {
    if (plan === null) return undefined;
    if (plan.kind === "single") {
      let target = plan.target;
      await this.withRetries(signal, async (attempt) => {
        // The first URL may have expired by a retry: createUpload again (same clientId) for a fresh one.
        if (attempt > 0) {
          const again = await this.deps.api.createUpload(this.input());
          if (again.upload?.kind !== "single") throw new Error("The upload changed on the server");
          target = again.upload.target;
        }
        await this.deps.put(target, this.file, (loaded) => this.set({ loaded }), signal);
      });
      return undefined;
    }
    return this.sendParts(attachmentId, plan, signal);
  }

  private async sendParts(attachmentId: string, plan: Extract<UploadPlan, { kind: "multipart" }>, signal: AbortSignal): Promise<UploadedPart[]> {
    const done = new Map(plan.uploadedParts.map((part) => [part.partNumber, part.etag]));
    const partBytes = (partNumber: number) => Math.min(plan.partSize, this.current.size - (partNumber - 1) * plan.partSize);
    const inFlight = new Map<number, number>();
    const doneBytes = () => [...done.keys()].reduce((sum, partNumber) => sum + partBytes(partNumber), 0);
    const report = () => this.set({ loaded: doneBytes() + [...inFlight.values()].reduce((sum, loaded) => sum + loaded, 0) });
    report();
    const queue: number[] = [];
    for (let partNumber = 1; partNumber <= plan.partCount; partNumber++) if (!done.has(partNumber)) queue.push(partNumber);

    const worker = async () => {
      for (let partNumber = queue.shift(); partNumber !== undefined; partNumber = queue.shift()) {
        const start = (partNumber - 1) * plan.partSize;
        const body = this.file.slice(start, start + partBytes(partNumber));
        const number = partNumber;
        const etag = await this.withRetries(signal, async () => {
          inFlight.set(number, 0);
          const { target } = await this.deps.api.uploadPart({ attachmentId, partNumber: number });
          const { etag } = await this.deps.put(
            target,
            body,
            (loaded) => {
              inFlight.set(number, loaded);
              report();
            },
            signal,
          );
          if (!etag) throw new Error("The storage did not return the part's ETag");
          return etag;
        }).finally(() => inFlight.delete(number));
        done.set(number, etag);
        report();
      }
    };
    const workers = Array.from({ length: Math.min(this.deps.parallelParts ?? 3, queue.length) }, worker);
    await Promise.all(workers);
    return [...done.entries()].sort(([a], [b]) => a - b).map(([partNumber, etag]) => ({ partNumber, etag }));
  }

  private async withRetries<T>(signal: AbortSignal, step: (attempt: number) => Promise<T>): Promise<T> {
    const attempts = this.deps.attempts ?? 4;
    for (let attempt = 0; ; attempt++) {
      try {
        return await step(attempt);
      } catch (error) {
        if (signal.aborted || attempt + 1 >= attempts || !classifyUploadError(error).retryable) throw error;
        await (this.deps.sleep ?? abortableSleep)((this.deps.backoffMs ?? defaultBackoff)(attempt), signal);
      }
    }
  }
}
