import { TRPCClientError } from "@trpc/client";
import { describe, expect, it, vi } from "vitest";
import type { AttachmentDto } from "~/shared/realtime/events";
import { PutError } from "./upload-error";
import { UploadJob, type UploadDeps } from "./upload-job";
import type { PutBlob, UploadApi, UploadJobState, UploadPlan, UploadTarget } from "./types";

const target = (url: string): UploadTarget => ({ method: "PUT", url, headers: { "content-type": "image/png" }, expiresAt: "2099-01-01T00:00:00Z" });

function dto(id: string, size: number): AttachmentDto {
  return { id, kind: "FILE", fileName: "f.bin", mimeType: "application/octet-stream", size, width: null, height: null, durationMs: null, waveform: null, hasThumbnail: false, processing: false };
}

function fakeApi(plan: () => UploadPlan) {
  const api = {
    createUpload: vi.fn((input: { clientId: string; size: number }) => Promise.resolve({ attachment: dto("att-1", input.size), upload: plan() })),
    uploadPart: vi.fn(({ partNumber }: { partNumber: number }) => Promise.resolve({ target: target(`https://store/part-${partNumber}`) })),
    complete: vi.fn(({ attachmentId }: { attachmentId: string }) => Promise.resolve({ ...dto(attachmentId, 0), kind: "IMAGE" as const })),
    abort: vi.fn(() => Promise.resolve(undefined)),
  };
  return api satisfies UploadApi;
}

/** A PUT that reports half, then all of the body, and answers an ETag named after the URL. */
const okPut: PutBlob = (t, body, onProgress) => {
  onProgress(body.size / 2);
  onProgress(body.size);
  return Promise.resolve({ etag: `"${t.url.split("/").pop()}"` });
};

const input = (size: number) => ({ chatId: "chat-1", clientId: "client-1", fileName: "f.bin", size, contentType: "application/octet-stream", purpose: "FILE" as const });
const bytes = (size: number) => new Blob([new Uint8Array(size).map((_, index) => index % 251)]);
const noSleep: UploadDeps["sleep"] = () => Promise.resolve();

describe("UploadJob", () => {
  it("uploads a small file in one PUT with progress, then completes it", async () => {
    const api = fakeApi(() => ({ kind: "single", target: target("https://store/one") }));
    const job = new UploadJob(bytes(100), input(100), { api, put: okPut });
    const seen: number[] = [];
    job.subscribe((state) => seen.push(state.loaded));
    const attachment = await job.start();
    expect(attachment?.kind).toBe("IMAGE");
    expect(job.state).toMatchObject({ status: "done", loaded: 100, attachmentId: "att-1", error: null });
    expect(seen).toContain(50);
    expect(api.complete).toHaveBeenCalledWith({ attachmentId: "att-1" });
  });

  it("completes a voice message with its duration and waveform, and no chat for an avatar", async () => {
    const api = fakeApi(() => ({ kind: "single", target: target("https://store/one") }));
    const voice = { durationMs: 2100, waveform: [0, 128, 255] };
    await new UploadJob(bytes(10), { ...input(10), purpose: "VOICE", voice }, { api, put: okPut }).start();
    expect(api.complete).toHaveBeenCalledWith({ attachmentId: "att-1", durationMs: 2100, waveform: [0, 128, 255] });
    expect(api.createUpload).toHaveBeenLastCalledWith(expect.not.objectContaining({ voice }));
    const { chatId: _none, ...avatar } = input(10);
    await new UploadJob(bytes(10), { ...avatar, purpose: "AVATAR" }, { api, put: okPut }).start();
    expect(api.createUpload).toHaveBeenLastCalledWith(expect.objectContaining({ purpose: "AVATAR", chatId: undefined }));
  });

  it("refuses a file over the size limit or the quota before anything is sent", async () => {
    const api = fakeApi(() => null);
    const tooBig = new UploadJob(bytes(11), input(11), { api, put: okPut, limits: { maxFileBytes: 10 } });
    expect(await tooBig.start()).toBeNull();
    expect(tooBig.state).toMatchObject({ status: "failed", error: { code: "PAYLOAD_TOO_LARGE" } });
    const overQuota = new UploadJob(bytes(11), input(11), { api, put: okPut, limits: { maxFileBytes: 100, remainingBytes: 5 } });
    await overQuota.start();
    expect(overQuota.state.error?.code).toBe("STORAGE_QUOTA_EXCEEDED");
    expect(api.createUpload).not.toHaveBeenCalled();
  });

  it("sends only the missing parts of a resumed multipart upload, with the right bytes, and completes with every ETag in order", async () => {
    const api = fakeApi(() => ({ kind: "multipart", partSize: 40, partCount: 3, uploadedParts: [{ partNumber: 1, etag: '"kept"' }] }));
    const file = bytes(100);
    const bodies = new Map<string, number[]>();
    const put: PutBlob = async (t, body, onProgress, signal) => {
      bodies.set(t.url, [...new Uint8Array(await body.arrayBuffer())]);
      return okPut(t, body, onProgress, signal);
    };
    const job = new UploadJob(file, input(100), { api, put });
    await job.start();
    expect(api.uploadPart.mock.calls.map(([call]) => call.partNumber).sort()).toEqual([2, 3]);
    const all = [...new Uint8Array(await file.arrayBuffer())];
    expect(bodies.get("https://store/part-2")).toEqual(all.slice(40, 80));
    expect(bodies.get("https://store/part-3")).toEqual(all.slice(80, 100));
    expect(api.complete).toHaveBeenCalledWith({
      attachmentId: "att-1",
      parts: [
        { partNumber: 1, etag: '"kept"' },
        { partNumber: 2, etag: '"part-2"' },
        { partNumber: 3, etag: '"part-3"' },
      ],
    });
    expect(job.state.status).toBe("done");
  });

  it("keeps at most `parallelParts` parts in flight", async () => {
    const api = fakeApi(() => ({ kind: "multipart", partSize: 10, partCount: 8, uploadedParts: [] }));
    let inFlight = 0;
    let peak = 0;
    const put: PutBlob = async (t, body, onProgress, signal) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      return okPut(t, body, onProgress, signal);
    };
    await new UploadJob(bytes(80), input(80), { api, put, parallelParts: 3 }).start();
    expect(peak).toBe(3);
    expect(api.uploadPart).toHaveBeenCalledTimes(8);
  });

  it("retries a dropped part with back-off on a fresh signed URL", async () => {
    const api = fakeApi(() => ({ kind: "multipart", partSize: 50, partCount: 2, uploadedParts: [] }));
    let failuresLeft = 2;
    const put: PutBlob = async (t, body, onProgress, signal) => {
      if (t.url.endsWith("part-2") && failuresLeft-- > 0) throw new PutError(0);
      return okPut(t, body, onProgress, signal);
    };
    const backoffMs = vi.fn((attempt: number) => attempt * 100);
    const sleep = vi.fn(noSleep);
    const job = new UploadJob(bytes(100), input(100), { api, put, backoffMs, sleep });
    await job.start();
    expect(job.state.status).toBe("done");
    expect(backoffMs.mock.calls.map(([attempt]) => attempt)).toEqual([0, 1]);
    expect(api.uploadPart.mock.calls.filter(([call]) => call.partNumber === 2)).toHaveLength(3);
  });

  it("fails after the last attempt, and retry() resumes with the same clientId", async () => {
    let uploaded: { partNumber: number; etag: string }[] = [];
    const api = fakeApi(() => ({ kind: "multipart", partSize: 50, partCount: 2, uploadedParts: uploaded }));
    let network = false;
    const put: PutBlob = async (t, body, onProgress, signal) => {
      if (t.url.endsWith("part-2") && !network) throw new PutError(503);
      const result = await okPut(t, body, onProgress, signal);
      uploaded = [...uploaded, { partNumber: Number(t.url.slice(-1)), etag: result.etag! }];
      return result;
    };
    const job = new UploadJob(bytes(100), input(100), { api, put, attempts: 2, parallelParts: 1, sleep: noSleep });
    expect(await job.start()).toBeNull();
    expect(job.state).toMatchObject({ status: "failed", error: { code: "HTTP_503" }, loaded: 50 });
    network = true;
    expect(await job.retry()).not.toBeNull();
    expect(api.createUpload).toHaveBeenCalledTimes(2);
    expect(api.createUpload.mock.calls.every(([call]) => call.clientId === "client-1")).toBe(true);
    // Part 1 was stored before the failure: not sent again.
    expect(api.uploadPart.mock.calls.filter(([call]) => call.partNumber === 1)).toHaveLength(1);
  });

  it("does not retry what the server refused, and reports its code and message", async () => {
    const api = fakeApi(() => null);
    api.createUpload.mockRejectedValueOnce(
      new TRPCClientError("The file is larger than 25 MB", { result: { error: { message: "x", code: -32600, data: { httpStatus: 413, code: "PAYLOAD_TOO_LARGE" } } } }),
    );
    const sleep = vi.fn(noSleep);
    const job = new UploadJob(bytes(10), input(10), { api, put: okPut, sleep });
    await job.start();
    expect(job.state.error).toEqual({ code: "PAYLOAD_TOO_LARGE", message: "The file is larger than 25 MB", retryable: false });
    expect(sleep).not.toHaveBeenCalled();
  });

  it("cancel aborts the PUT in flight and frees the slot", async () => {
    const api = fakeApi(() => ({ kind: "single", target: target("https://store/one") }));
    let aborted = false;
    const put: PutBlob = (_t, _body, _progress, signal) =>
      new Promise((_resolve, reject) =>
        signal.addEventListener("abort", () => {
          aborted = true;
          reject(new PutError(0));
        }),
      );
    const job = new UploadJob(bytes(10), input(10), { api, put });
    const running = job.start();
    await vi.waitFor(() => expect(job.state.attachmentId).toBe("att-1"));
    await job.cancel();
    expect(await running).toBeNull();
    expect(aborted).toBe(true);
    expect(job.state.status).toBe("cancelled");
    expect(api.abort).toHaveBeenCalledWith({ attachmentId: "att-1" });
    expect(api.complete).not.toHaveBeenCalled();
  });

  it("takes an already stored upload (asked again after a reload) as done without sending", async () => {
    const api = fakeApi(() => null);
    const put = vi.fn(okPut);
    const job = new UploadJob(bytes(10), input(10), { api, put });
    expect((await job.start())?.id).toBe("att-1");
    expect(put).not.toHaveBeenCalled();
    expect(api.complete).not.toHaveBeenCalled();
    // The state is plain data: it survives JSON (IndexedDB) and a new job resumes from it.
    const restored = new UploadJob(bytes(10), input(10), { api, put }, JSON.parse(JSON.stringify(job.state)) as UploadJobState);
    expect((await restored.start())?.id).toBe("att-1");
    expect(api.createUpload).toHaveBeenCalledTimes(1);
  });
});
