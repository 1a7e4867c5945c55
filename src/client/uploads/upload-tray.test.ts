import { TRPCClientError } from "@trpc/client";
import { describe, expect, it, vi } from "vitest";
import type { PutBlob, UploadApi } from "./types";
import { UploadTray } from "./upload-tray";

function setup(put: PutBlob = () => Promise.resolve({ etag: null })) {
  let id = 0;
  const api = {
    createUpload: vi.fn((input: { clientId: string; fileName: string; size: number }) =>
      Promise.resolve({
        attachment: { id: `att-${input.clientId}`, kind: "FILE" as const, fileName: input.fileName, mimeType: "x/y", size: input.size, width: null, height: null, durationMs: null, waveform: null, hasThumbnail: false, processing: false },
        upload: { kind: "single" as const, target: { method: "PUT" as const, url: "u", headers: {}, expiresAt: "" } },
      }),
    ),
    uploadPart: vi.fn(),
    complete: vi.fn(({ attachmentId }: { attachmentId: string }) => Promise.resolve({ ...dto(attachmentId) })),
    abort: vi.fn(() => Promise.resolve()),
  } satisfies UploadApi;
  const revoke = vi.fn();
  const tray = new UploadTray({
    chatId: "chat",
    deps: { api, put },
    maxFiles: 3,
    newId: () => `c${++id}`,
    preview: { create: (file) => (file.type.startsWith("image/") ? `blob:${file.name}` : null), revoke },
  });
  return { tray, api, revoke };
}

const dto = (id: string) => ({ id, kind: "FILE" as const, fileName: id, mimeType: "x/y", size: 1, width: null, height: null, durationMs: null, waveform: null, hasThumbnail: false, processing: false });
const file = (name: string, type = "application/pdf") => new File(["x"], name, { type });

describe("UploadTray", () => {
  it("uploads what is added, at most the per-message maximum, and hands the jobs over in order", async () => {
    const { tray, revoke } = setup();
    expect(tray.add([file("a.png", "image/png"), file("b.pdf"), file("c.pdf"), file("d.pdf")])).toBe(1);
    expect(tray.getSnapshot().map((staged) => staged.previewUrl)).toEqual(["blob:a.png", null, null]);
    // Sendable while uploading: the outbox finishes the uploads.
    expect(tray.ready).toBe(true);
    await vi.waitFor(() => expect(tray.getSnapshot().every((staged) => staged.state.status === "done")).toBe(true));
    expect(tray.take().map((job) => job.state.attachment?.id)).toEqual(["att-c1", "att-c2", "att-c3"]);
    expect(tray.getSnapshot()).toEqual([]);
    expect(revoke).toHaveBeenCalledWith("blob:a.png");
  });

  it("removing a file cancels its upload and frees its slot", async () => {
    const put: PutBlob = (_t, _b, _p, signal) => new Promise((_resolve, reject) => signal.addEventListener("abort", () => reject(new Error("aborted"))));
    const { tray, api } = setup(put);
    tray.add([file("a.pdf"), file("b.pdf")]);
    await vi.waitFor(() => expect(tray.getSnapshot()[0]?.state.attachmentId).toBe("att-c1"));
    tray.remove("c1");
    await vi.waitFor(() => expect(api.abort).toHaveBeenCalledWith({ attachmentId: "att-c1" }));
    expect(tray.getSnapshot().map((staged) => staged.job.clientId)).toEqual(["c2"]);
    tray.dispose();
    await vi.waitFor(() => expect(api.abort).toHaveBeenCalledTimes(2));
  });

  it("stays sendable when the network cut an upload (the outbox retries it), not when the server refused the file", async () => {
    const offline = setup();
    offline.api.createUpload.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    offline.tray.add([file("a.pdf")]);
    await vi.waitFor(() => expect(offline.tray.getSnapshot()[0]?.state.status).toBe("failed"));
    expect(offline.tray.ready).toBe(true);
    const refused = setup();
    refused.api.createUpload.mockRejectedValueOnce(
      new TRPCClientError("The file is larger than 25 MB", { result: { error: { message: "x", code: -32600, data: { httpStatus: 413, code: "PAYLOAD_TOO_LARGE" } } } }),
    );
    refused.tray.add([file("b.pdf")]);
    await vi.waitFor(() => expect(refused.tray.getSnapshot()[0]?.state.status).toBe("failed"));
    expect(refused.tray.ready).toBe(false);
  });
});
