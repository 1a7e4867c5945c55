// The outbox with files: a message queued with files still to upload (offline, or mid-upload) is
// uploaded then sent, resumed after a reload from the bytes in the store, never sent twice.
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it, vi } from "vitest";
import type { AttachmentDto, MessageDto } from "~/shared/realtime/events";
import { Outbox } from "./outbox";
import { memoryOutboxStore, storedAttachments, type OutboxItem, type OutboxStore } from "./outbox-store";
import { classifySendError } from "./outbox-transport";
import { OutboxUploads } from "./uploads/outbox-uploads";
import { PutError } from "./uploads/upload-error";
import { UploadJob } from "./uploads/upload-job";
import type { PutBlob, UploadApi, UploadJobState, UploadedPart } from "./uploads/types";

const PART = 4;

/** A storage server: createUpload is idempotent by clientId and reports the parts it already has. */
function fakeServer() {
  const uploads = new Map<string, { attachment: AttachmentDto; parts: UploadedPart[]; ready: boolean }>();
  let refuse: string | null = null;
  let offline = false;
  const byId = (attachmentId: string) => [...uploads.values()].find((upload) => upload.attachment.id === attachmentId)!;
  const api = {
    createUpload: vi.fn(async (input: { clientId: string; fileName: string; size: number; contentType: string }) => {
      await Promise.resolve();
      if (offline) throw new Error("Failed to fetch");
      if (refuse) throw new TRPCClientError(refuse, { result: { error: { message: refuse, code: -32600, data: { httpStatus: 413, code: "PAYLOAD_TOO_LARGE" } } } });
      const upload = uploads.get(input.clientId) ?? {
        attachment: { id: `att-${input.clientId}`, kind: "IMAGE" as const, fileName: input.fileName, mimeType: input.contentType, size: input.size, width: 1, height: 1, durationMs: null, waveform: null, hasThumbnail: true, processing: false },
        parts: [],
        ready: false,
      };
      uploads.set(input.clientId, upload);
      const plan = upload.ready ? null : { kind: "multipart" as const, partSize: PART, partCount: Math.ceil(input.size / PART), uploadedParts: [...upload.parts] };
      return { attachment: upload.attachment, upload: plan };
    }),
    uploadPart: vi.fn(({ attachmentId, partNumber }: { attachmentId: string; partNumber: number }) =>
      Promise.resolve({ target: { method: "PUT" as const, url: `${attachmentId}/${partNumber}`, headers: {}, expiresAt: "2099-01-01T00:00:00Z" } }),
    ),
    complete: vi.fn(({ attachmentId }: { attachmentId: string }) => {
      const upload = byId(attachmentId);
      upload.ready = true;
      return Promise.resolve(upload.attachment);
    }),
    abort: vi.fn(() => Promise.resolve(undefined)),
  } satisfies UploadApi;
  /** Stores a part unless told to drop this one (a cut connection). */
  let drop = (_url: string) => false;
  const put = vi.fn<PutBlob>((target, body, onProgress) => {
    if (drop(target.url)) return Promise.reject(new PutError(0));
    const [attachmentId, partNumber] = target.url.split("/");
    onProgress(body.size);
    byId(attachmentId!).parts.push({ partNumber: Number(partNumber), etag: `e${partNumber}` });
    return Promise.resolve({ etag: `e${partNumber}` });
  });
  return {
    api,
    put,
    uploads,
    setOffline: (value: boolean) => (offline = value),
    refuse: (message: string | null) => (refuse = message),
    dropWhen: (rule: (url: string) => boolean) => (drop = rule),
  };
}

type Server = ReturnType<typeof fakeServer>;

/** One page's outbox over `store` (a reload is a new one over the same store). */
function page(server: Server, store: OutboxStore) {
  const sent: { clientId: string; attachmentIds: string[] }[] = [];
  const stored = new Set<string>();
  const uploads = new OutboxUploads({ api: server.api, put: server.put, attempts: 1 });
  const outbox = new Outbox({
    store,
    upload: uploads.run,
    send: (item: OutboxItem) => {
      sent.push({ clientId: item.clientId, attachmentIds: storedAttachments(item).map((attachment) => attachment.id) });
      stored.add(item.clientId);
      return Promise.resolve({ clientId: item.clientId, chatId: item.chatId } as MessageDto);
    },
    classify: classifySendError,
    onChange: () => {},
    onSent: () => {},
    backoffMs: () => 60_000,
  });
  return { outbox, uploads, sent, stored };
}

const bytes = (size: number) => new Blob([new Uint8Array(size).fill(7)]);
const staged = (clientId: string, size: number): UploadJobState => ({
  chatId: "chat",
  clientId,
  fileName: `${clientId}.png`,
  size,
  contentType: "image/png",
  purpose: "FILE",
  status: "uploading",
  loaded: 0,
  attachmentId: null,
  attachment: null,
  error: null,
});

describe("Outbox with files", () => {
  it("queued offline: keeps the bytes, uploads once online, sends once with the ids in order, then drops the bytes", async () => {
    const server = fakeServer();
    const store = memoryOutboxStore();
    const { outbox, sent } = page(server, store);
    server.setOffline(true);
    await outbox.start();
    const item = await outbox.enqueue("chat", "caption", [], [
      { blob: bytes(10), state: staged("f1", 10) },
      { blob: bytes(3), state: staged("f2", 3) },
    ]);
    await outbox.idle();
    expect(sent).toEqual([]);
    expect((await store.all())[0]).toMatchObject({ status: "pending" });
    expect(await store.file("f1")).toBeDefined();

    server.setOffline(false);
    outbox.online();
    await outbox.idle();
    expect(sent).toEqual([{ clientId: item.clientId, attachmentIds: ["att-f1", "att-f2"] }]);
    expect(await store.all()).toEqual([]);
    expect(await store.file("f1")).toBeUndefined();
    expect(await store.file("f2")).toBeUndefined();
  });

  it("a reload mid-upload resumes with the same clientId, sending only the missing parts, and the message goes once", async () => {
    const server = fakeServer();
    const store = memoryOutboxStore();
    const first = page(server, store);
    server.dropWhen((url) => url.endsWith("/3"));
    await first.outbox.start();
    await first.outbox.enqueue("chat", "", [], [{ blob: bytes(10), state: staged("big", 10) }]);
    await first.outbox.idle();
    first.outbox.stop(); // the page goes away
    expect(first.sent).toEqual([]);
    expect(server.uploads.get("big")?.parts.map((part) => part.partNumber).sort()).toEqual([1, 2]);

    server.dropWhen(() => false);
    server.put.mockClear();
    const second = page(server, store);
    await second.outbox.start();
    await second.outbox.idle();
    expect(server.put.mock.calls.map(([target]) => target.url)).toEqual(["att-big/3"]);
    expect(server.api.createUpload.mock.calls.every(([input]) => input.clientId === "big")).toBe(true);
    expect(second.sent.map((message) => message.attachmentIds)).toEqual([["att-big"]]);
    expect(await store.all()).toEqual([]);
  });

  it("a refused file fails the message with its code and sends nothing; retry after the cause is gone sends it, discard drops the bytes", async () => {
    const server = fakeServer();
    const store = memoryOutboxStore();
    const { outbox, sent } = page(server, store);
    server.refuse("The file is larger than 25 MB");
    await outbox.start();
    const refused = await outbox.enqueue("chat", "", [], [{ blob: bytes(3), state: staged("huge", 3) }]);
    const later = await outbox.enqueue("chat", "after", [], [{ blob: bytes(3), state: staged("other", 3) }]);
    await outbox.idle();
    const failed = outbox.list().find((item) => item.clientId === refused.clientId)!;
    expect(failed).toMatchObject({ status: "failed", error: "PAYLOAD_TOO_LARGE" });
    expect(failed.uploads?.[0]?.error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: "The file is larger than 25 MB" });
    expect(sent).toEqual([]);
    expect((await store.all()).find((item) => item.clientId === refused.clientId)?.status).toBe("failed");

    // The next message was refused too (the same fake refusal); once the server accepts, retry sends it.
    server.refuse(null);
    await outbox.retry(later.clientId);
    await outbox.idle();
    expect(sent.map((message) => message.clientId)).toEqual([later.clientId]);
    await outbox.remove(refused.clientId);
    expect(await store.file("huge")).toBeUndefined();
  });

  it("never sends twice: a lost answer resends the same message id with the same attachments, without uploading again", async () => {
    const server = fakeServer();
    const store = memoryOutboxStore();
    const calls: { clientId: string; attachmentIds: string[] }[] = [];
    let answerLost = true;
    const uploads = new OutboxUploads({ api: server.api, put: server.put });
    const outbox = new Outbox({
      store,
      upload: uploads.run,
      send: (item) => {
        calls.push({ clientId: item.clientId, attachmentIds: storedAttachments(item).map((attachment) => attachment.id) });
        if (answerLost) return Promise.reject(new Error("Failed to fetch"));
        return Promise.resolve({ clientId: item.clientId } as MessageDto);
      },
      classify: classifySendError,
      onChange: () => {},
      onSent: () => {},
      backoffMs: () => 60_000,
    });
    await outbox.start();
    // The composer's job already uploading: adopted, not started a second time.
    const job = new UploadJob(bytes(6), staged("pic", 6), { api: server.api, put: server.put });
    void job.start();
    uploads.adopt(job);
    await outbox.enqueue("chat", "", [], [{ blob: job.file, state: job.state }]);
    await outbox.idle();
    answerLost = false;
    outbox.online();
    await outbox.idle();
    expect(calls).toHaveLength(2);
    expect(new Set(calls.map((call) => call.clientId)).size).toBe(1);
    expect(calls.every((call) => call.attachmentIds.join() === "att-pic")).toBe(true);
    expect(server.api.createUpload).toHaveBeenCalledTimes(1);
    expect(server.put).toHaveBeenCalledTimes(2);
    expect(await store.all()).toEqual([]);
  });
});
