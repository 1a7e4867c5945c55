// The outbox: a message is stored durably before it is sent, shown as "sending", and resent with
// the same id until the server confirms it (after reconnects, reloads, crashes). Messages of a chat
// go out in the order they were written; a transient failure retries with back-off, a permanent one
// (the server refused it) waits for the person to retry or delete it. With `sendBatch`, a backlog
// (after an outage) goes out in ordered batches, one call each, instead of one call per message.
// A message with files first finishes their uploads (resumed by each file's clientId, its bytes read
// back from the store), then is sent with their attachment ids.
import type { AttachmentDto, MessageDto } from "~/shared/realtime/events";
import type { OutboxItem, OutboxStore } from "./outbox-store";
import type { UploadJobState } from "./uploads/types";

type FailureKind = "retry" | "fatal";

export interface Failure {
  kind: FailureKind;
  code: string;
  /** The server said when to try again (rate limit): wait at least this long. */
  retryAfterMs?: number;
}

/** A file staged with a message: its bytes and its upload's state (clientId made at staging). */
export interface QueuedFile {
  blob: Blob;
  state: UploadJobState;
}

/** Runs (or resumes) one upload to its end; `onState` reports progress. Resolves with the last state:
 * "done" with the attachment, or "failed" with the error. */
export type RunUpload = (state: UploadJobState, file: () => Promise<Blob | undefined>, onState: (state: UploadJobState) => void) => Promise<UploadJobState>;

/** One message's outcome in a batch: stored (or already stored), or an error to classify. */
export type BatchOutcome = { message: MessageDto } | { error: unknown };

export interface OutboxOptions {
  store: OutboxStore;
  send: (item: OutboxItem) => Promise<MessageDto>;
  /** Sends several messages in the order given, one outcome each (message.sendBatch). A call
   * that fails as a whole with a fatal error falls back to `send`, one by one. */
  sendBatch?: (items: OutboxItem[]) => Promise<BatchOutcome[]>;
  batchSize?: number;
  /** Transient (network, 5xx, rate limit) → retry; refused by the server → fatal. */
  classify: (error: unknown) => Failure;
  onChange: (items: OutboxItem[]) => void;
  onSent: (message: MessageDto, item: OutboxItem) => void;
  /** Uploads a message's files before it is sent. */
  upload?: RunUpload;
  /** Serialises flushing across tabs (Web Locks); defaults to running directly. */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
  newId?: () => string;
  backoffMs?: (attempt: number) => number;
}

const defaultBackoff = (attempt: number) => Math.min(30_000, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);

export class Outbox {
  private items: OutboxItem[] = [];
  private flushing: Promise<void> | null = null;
  private again = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly options: OutboxOptions) {}

  /** Loads what a previous page left unsent and starts sending it. */
  async start(): Promise<void> {
    this.items = sortItems(await this.options.store.all());
    this.changed();
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  list(): OutboxItem[] {
    return this.items;
  }

  async enqueue(chatId: string, content: string, attachments: AttachmentDto[] = [], files: QueuedFile[] = [], replyToId?: string): Promise<OutboxItem> {
    // Strictly increasing, so two messages written within one millisecond keep their order.
    const createdAt = Math.max(Date.now(), (this.items.at(-1)?.createdAt ?? 0) + 1);
    const item: OutboxItem = { clientId: (this.options.newId ?? (() => crypto.randomUUID()))(), chatId, content, createdAt, status: "pending" };
    if (attachments.length) item.attachments = attachments;
    if (files.length) item.uploads = files.map((file) => file.state);
    if (replyToId) item.replyToId = replyToId;
    // Bytes of files already stored on the server are not kept.
    const bytes = new Map(files.filter((file) => file.state.status !== "done").map((file) => [file.state.clientId, file.blob]));
    await this.options.store.put(item, bytes);
    this.items = sortItems([...this.items, item]);
    this.changed();
    this.kick();
    return item;
  }

  async retry(clientId: string): Promise<void> {
    const item = this.items.find((candidate) => candidate.clientId === clientId);
    if (!item) return;
    const uploads = item.uploads?.map((upload) => (upload.status === "done" ? upload : { ...upload, status: "uploading" as const, error: null }));
    const pending: OutboxItem = { ...item, status: "pending", error: undefined, ...(uploads ? { uploads } : {}) };
    await this.options.store.put(pending);
    this.replace(pending);
    this.attempt = 0;
    this.kick();
  }

  async remove(clientId: string): Promise<void> {
    await this.options.store.delete(clientId);
    this.items = this.items.filter((item) => item.clientId !== clientId);
    this.changed();
  }

  /** The connection is back: send now instead of waiting out the back-off. */
  online(): void {
    this.attempt = 0;
    this.kick();
  }

  /** Another tab or the server confirmed this message (it arrived live): drop it from the outbox. */
  async confirmed(clientId: string): Promise<void> {
    if (this.items.some((item) => item.clientId === clientId)) await this.remove(clientId);
  }

  /** Resolves once everything sendable has been tried. */
  async idle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = (this.options.exclusive ?? ((work) => work()))(() => this.flush()).finally(() => {
      this.flushing = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async flush(): Promise<void> {
    // Re-read: another tab may have sent some of these while we waited for the lock.
    const stored = new Map((await this.options.store.all()).map((item) => [item.clientId, item]));
    this.items = sortItems(this.items.filter((item) => stored.has(item.clientId)));
    this.changed();
    const batchSize = this.options.sendBatch ? (this.options.batchSize ?? 50) : 1;
    while (!this.stopped) {
      // The oldest pending messages, in the order written (so each chat's stay in order).
      let batch = this.items.filter((candidate) => candidate.status === "pending").slice(0, batchSize);
      if (batch.length === 0) return;
      // A message with files still to store goes alone, after those before it, once they are stored.
      const uploading = batch.findIndex(hasUnstoredFiles);
      if (uploading > 0) batch = batch.slice(0, uploading);
      else if (uploading === 0) {
        const uploaded = await this.finishUploads(batch[0]!);
        if (uploaded === null) continue;
        if ("retry" in uploaded) {
          this.retryLater(uploaded.retry);
          return;
        }
        batch = [uploaded.item];
      }
      let outcomes: BatchOutcome[];
      try {
        outcomes = await this.sendAll(batch);
      } catch (error) {
        outcomes = [{ error }];
      }
      let retry: Failure | null = null;
      for (const [index, item] of batch.entries()) {
        const outcome = outcomes[index];
        if (!outcome) continue; // not tried: goes in the next round
        if ("message" in outcome) {
          await this.options.store.delete(item.clientId);
          this.items = this.items.filter((candidate) => candidate.clientId !== item.clientId);
          this.attempt = 0;
          this.changed();
          this.options.onSent(outcome.message, item);
          continue;
        }
        const failure = this.options.classify(outcome.error);
        if (failure.kind === "fatal") {
          const failed: OutboxItem = { ...item, status: "failed", error: failure.code };
          await this.options.store.put(failed);
          this.replace(failed);
          continue;
        }
        retry ??= failure;
      }
      if (retry) {
        this.retryLater(retry);
        return;
      }
    }
  }

  /** Keep order: nothing later goes out before the one that failed does. */
  private retryLater(failure: Failure) {
    const wait = Math.max((this.options.backoffMs ?? defaultBackoff)(this.attempt++), failure.retryAfterMs ?? 0);
    this.timer = setTimeout(() => this.kick(), wait);
  }

  /** Uploads the item's files one by one, saving each stored one. The item ready to send; a transient
   * failure to retry later; or null when it is done with for now (refused: marked failed; discarded). */
  private async finishUploads(item: OutboxItem): Promise<{ item: OutboxItem } | { retry: Failure } | null> {
    const { upload, store } = this.options;
    let current = item;
    for (const [index, state] of (item.uploads ?? []).entries()) {
      if (state.status === "done") continue;
      const withState = (next: UploadJobState): OutboxItem => ({ ...current, uploads: current.uploads?.map((candidate, at) => (at === index ? next : candidate)) });
      const result = upload
        ? await upload(state, () => store.file(state.clientId), (progress) => {
            // Progress lives in memory only; the state is saved when the file is stored.
            if (this.items.some((candidate) => candidate.clientId === item.clientId)) this.replace(withState(progress));
          })
        : { ...state, status: "failed" as const, error: { code: "UPLOAD_UNAVAILABLE", message: "Uploads are not available here", retryable: false } };
      // Deleted by the person (or sent by another tab) meanwhile: nothing more to do.
      if (!(await store.all()).some((candidate) => candidate.clientId === item.clientId)) {
        this.items = this.items.filter((candidate) => candidate.clientId !== item.clientId);
        this.changed();
        return null;
      }
      current = withState(result);
      if (result.status === "done") {
        await store.put(current);
        this.replace(current);
        continue;
      }
      const code = result.error?.code ?? "UPLOAD_FAILED";
      if (result.error?.retryable) {
        this.replace(current);
        return { retry: { kind: "retry", code } };
      }
      const failed: OutboxItem = { ...current, status: "failed", error: code };
      await store.put(failed);
      this.replace(failed);
      return null;
    }
    return { item: current };
  }

  /** One call for the batch; a whole-call refusal (e.g. one bad message failing the input check)
   * falls back to one call per message, so only the bad one fails. Throws when transient. */
  private async sendAll(batch: OutboxItem[]): Promise<BatchOutcome[]> {
    const { sendBatch, send, classify } = this.options;
    if (sendBatch && batch.length > 1) {
      try {
        return await sendBatch(batch);
      } catch (error) {
        if (classify(error).kind !== "fatal") throw error;
      }
    }
    const outcomes: BatchOutcome[] = [];
    for (const item of batch) {
      try {
        outcomes.push({ message: await send(item) });
      } catch (error) {
        outcomes.push({ error });
        if (classify(error).kind !== "fatal") break;
      }
    }
    return outcomes;
  }

  private replace(item: OutboxItem) {
    this.items = sortItems(this.items.map((candidate) => (candidate.clientId === item.clientId ? item : candidate)));
    this.changed();
  }

  private changed() {
    this.options.onChange(this.items);
  }
}

function hasUnstoredFiles(item: OutboxItem): boolean {
  return item.uploads?.some((upload) => upload.status !== "done") ?? false;
}

function sortItems(items: OutboxItem[]): OutboxItem[] {
  return [...items].sort((a, b) => a.createdAt - b.createdAt || a.clientId.localeCompare(b.clientId));
}
