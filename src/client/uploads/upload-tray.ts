// The files staged for one message: each starts uploading when added, is cancelled when removed,
// and all are handed over in order on Send (the outbox finishes what is still uploading). A tiny
// external store (useSyncExternalStore).
import type { UploadJobState, UploadLimits } from "./types";
import { UploadJob, type UploadDeps } from "./upload-job";

export interface StagedFile {
  job: UploadJob;
  state: UploadJobState;
  /** An object URL for an image's preview (revoked when the file leaves the tray). */
  previewUrl: string | null;
}

export interface UploadTrayOptions {
  chatId: string;
  deps: Omit<UploadDeps, "limits">;
  /** Files one message may carry. */
  maxFiles: number;
  limits?: () => UploadLimits | undefined;
  newId?: () => string;
  preview?: { create: (file: File) => string | null; revoke: (url: string) => void };
}

export class UploadTray {
  private files: StagedFile[] = [];
  private listeners = new Set<() => void>();

  constructor(private readonly options: UploadTrayOptions) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
  getSnapshot = () => this.files;

  /** Stages files and starts their uploads; returns how many were refused (over the maximum). */
  add(picked: File[]): number {
    const accepted = picked.slice(0, Math.max(0, this.options.maxFiles - this.files.length));
    const limits = this.options.limits?.();
    const staged = accepted.map((file): StagedFile => {
      const clientId = (this.options.newId ?? (() => crypto.randomUUID()))();
      const input = { chatId: this.options.chatId, clientId, fileName: file.name || "file", size: file.size, contentType: file.type || "application/octet-stream", purpose: "FILE" as const };
      const job = new UploadJob(file, input, { ...this.options.deps, limits });
      job.subscribe((state) => this.set(this.files.map((candidate) => (candidate.job === job ? { ...candidate, state } : candidate))));
      return { job, state: job.state, previewUrl: this.options.preview?.create(file) ?? null };
    });
    this.set([...this.files, ...staged]);
    for (const file of staged) void file.job.start();
    return picked.length - accepted.length;
  }

  remove(clientId: string): void {
    const file = this.files.find((candidate) => candidate.job.clientId === clientId);
    if (!file) return;
    this.release(file);
    this.set(this.files.filter((candidate) => candidate.job !== file.job));
    void file.job.cancel();
  }

  retry(clientId: string): void {
    void this.files.find((file) => file.job.clientId === clientId)?.job.retry();
  }

  /** No file was refused: the message can be sent (the outbox finishes the uploads, retrying those
   * cut by the network once online). */
  get ready(): boolean {
    return this.files.length > 0 && this.files.every(({ state }) => state.status !== "cancelled" && !(state.status === "failed" && !state.error?.retryable));
  }

  /** The files' upload jobs in the order added, running or done; the tray is emptied (they now
   * belong to a message). */
  take(): UploadJob[] {
    const jobs = this.files.map((file) => file.job);
    for (const file of this.files) this.release(file);
    this.set([]);
    return jobs;
  }

  /** Leaving the chat: what was not sent is cancelled. */
  dispose(): void {
    for (const file of this.files) {
      void file.job.cancel();
      this.release(file);
    }
    this.set([]);
  }

  private release(file: StagedFile) {
    if (file.previewUrl) this.options.preview?.revoke(file.previewUrl);
  }

  private set(files: StagedFile[]) {
    this.files = files;
    for (const listener of this.listeners) listener();
  }
}
