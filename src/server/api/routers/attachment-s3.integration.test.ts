// The attachment flow on the s3 driver, against s3rver on loopback: the browser's bytes go straight
// to the store through presigned URLs, and come back through presigned GETs.
import { randomBytes, randomUUID } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setStorage } from "~/server/storage";
import type { S3StorageDriver } from "~/server/storage/s3/s3-driver";
import { runQueuedJobs } from "../../../../test/jobs";
import { s3DriverFor, startS3rver, type TestS3 } from "../../../../test/s3rver";
import { directChatPair, expectTRPCError, registerUser } from "../../../../test/trpc";
import { downloadAttachment, openAttachment } from "../../../../test/uploads";

const MiB = 1024 * 1024;
let s3: TestS3;
let storage: S3StorageDriver;

beforeAll(async () => {
  s3 = await startS3rver();
  storage = s3DriverFor(s3, 20 * MiB);
  setStorage(storage);
});

afterAll(async () => {
  storage?.client.destroy();
  await s3?.stop();
});

function put(target: { url: string; headers: Record<string, string> }, body: Uint8Array) {
  return fetch(target.url, { method: "PUT", headers: target.headers, body: Uint8Array.from(body) });
}

describe("attachments on S3 (s3rver)", () => {
  it("a photo PUT straight to the store comes back to the other member without its EXIF, with a thumbnail, once processed", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#c63" } })
      .jpeg()
      .withExif({ IFD0: { Make: "SpyCam" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 2400/100" } })
      .toBuffer();
    const slot = await alice.call().attachment.createUpload({ chatId, clientId: randomUUID(), fileName: "beach.jpg", size: photo.length, contentType: "image/jpeg" });
    if (slot.upload?.kind !== "single") throw new Error("expected a single PUT");
    expect(slot.upload.target.url.startsWith(s3.endpoint)).toBe(true);
    expect((await put(slot.upload.target, photo)).status).toBe(200);
    const image = await alice.call().attachment.complete({ attachmentId: slot.attachment.id });
    expect(image).toMatchObject({ kind: "IMAGE", width: 400, height: 300, processing: true });
    await alice.call().message.send({ chatId, clientId: randomUUID(), attachmentIds: [image.id] });
    expect((await openAttachment(bob.jar, image.id)).status).toBe(409);
    expect((await runQueuedJobs()).filter((job) => job.name === "attachments.process-image")).toEqual([expect.objectContaining({ ok: true })]);

    const { redirect, response } = await downloadAttachment(bob.jar, image.id);
    expect(redirect.headers.get("location")!.startsWith(s3.endpoint)).toBe(true);
    expect(response!.status).toBe(200);
    const stored = Buffer.from(await response!.arrayBuffer());
    expect(stored.includes(Buffer.from("SpyCam"))).toBe(false);
    expect(await sharp(stored).metadata()).toMatchObject({ format: "jpeg", width: 400, height: 300 });
    const thumbnail = await downloadAttachment(bob.jar, image.id, "thumbnail");
    expect(await sharp(Buffer.from(await thumbnail.response!.arrayBuffer())).metadata()).toMatchObject({ format: "webp", width: 320 });

    const stranger = await registerUser();
    expect((await openAttachment(stranger.jar, image.id)).status).toBe(404);
    await expectTRPCError(stranger.call().attachment.downloadUrl({ attachmentId: image.id }), "NOT_FOUND");
  });

  it("a file over the part size goes up in presigned parts and downloads whole, as an attachment", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const bytes = Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(5 * MiB + 1234)]);
    const slot = await alice.call().attachment.createUpload({ chatId, clientId: randomUUID(), fileName: "Годовой отчёт.pdf", size: bytes.length });
    expect(slot.upload).toEqual({ kind: "multipart", partSize: 5 * MiB, partCount: 2, uploadedParts: [] });
    const parts = [];
    for (const partNumber of [1, 2]) {
      const { target } = await alice.call().attachment.uploadPart({ attachmentId: slot.attachment.id, partNumber });
      const answer = await put(target, bytes.subarray((partNumber - 1) * 5 * MiB, partNumber * 5 * MiB));
      expect(answer.status).toBe(200);
      parts.push({ partNumber, etag: answer.headers.get("etag")! });
    }
    const file = await alice.call().attachment.complete({ attachmentId: slot.attachment.id, parts });
    expect(file).toMatchObject({ kind: "FILE", size: bytes.length, mimeType: "application/pdf" });
    await alice.call().message.send({ chatId, clientId: randomUUID(), content: "the report", attachmentIds: [file.id] });
    const { response } = await downloadAttachment(bob.jar, file.id);
    expect(Buffer.from(await response!.arrayBuffer()).equals(bytes)).toBe(true);
    expect(response!.headers.get("content-disposition")).toMatch(/^attachment; /);
  });
});
