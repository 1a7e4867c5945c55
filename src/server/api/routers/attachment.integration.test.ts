import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import type { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { processImage } from "~/server/services/attachments/process-image";
import { setStorage } from "~/server/storage";
import { LocalStorageDriver, type LocalDriverConfig } from "~/server/storage/local/local-driver";
import { WAVEFORM_MAX_SAMPLES, type ZAttachmentPurpose } from "~/shared/schemas/attachment";
import { MESSAGE_MAX_ATTACHMENTS } from "~/shared/schemas/chat";
import { queuedJobs, runQueuedJobs } from "../../../../test/jobs";
import { recordPublishedPerTest, sentTo } from "../../../../test/publisher";
import { directChatPair, expectTRPCError, registerUser, type Client } from "../../../../test/trpc";
import { downloadAttachment, getSigned, openAttachment, putBytes, type Target } from "../../../../test/uploads";

const published = recordPublishedPerTest();
const MAX_BYTES = 1024 * 1024;
const PART_BYTES = 64 * 1024;
let config: LocalDriverConfig;

beforeAll(async () => {
  const directory = await mkdtemp(join(tmpdir(), "bm-attachments-"));
  config = { directory, secret: "attachment-test-secret-0123456789abcdef", maxBytes: MAX_BYTES, partBytes: PART_BYTES, publicBaseUrl: "/api/files" };
  setStorage(new LocalStorageDriver(config));
});

afterAll(async () => {
  await rm(config.directory, { recursive: true, force: true });
});

type Extra = { contentType?: string; purpose?: z.input<typeof ZAttachmentPurpose>; clientId?: string };

async function slotWithTarget(client: Client, chatId: string, fileName: string, bytes: Uint8Array, extra: Extra = {}) {
  const slot = await client.call().attachment.createUpload({ chatId, clientId: randomUUID(), fileName, size: bytes.length, ...extra });
  if (slot.upload?.kind !== "single") throw new Error("expected a single PUT");
  return { slot, target: slot.upload.target };
}

/** Slot → PUT → complete, as the browser does it; returns the completed attachment. */
async function upload(client: Client, chatId: string, fileName: string, bytes: Uint8Array, extra: Extra = {}) {
  const { slot, target } = await slotWithTarget(client, chatId, fileName, bytes, extra);
  const put = await putBytes(target, bytes);
  expect(put.status, await put.clone().text()).toBe(200);
  return client.call().attachment.complete({ attachmentId: slot.attachment.id });
}

async function bodyOf(response: Response | null): Promise<Buffer> {
  expect(response?.status).toBe(200);
  return Buffer.from(await response!.arrayBuffer());
}

function pdf(size = 5000): Buffer {
  return Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(size)]);
}

/** A minimal valid WAV: what file-type reads as audio/wav. */
function wav(samples = 800): Buffer {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + samples, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(8000, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write("data", 36);
  header.writeUInt32LE(samples, 40);
  return Buffer.concat([header, Buffer.alloc(samples, 128)]);
}

async function storedObjectCount(): Promise<number> {
  const walk = async (dir: string): Promise<number> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    let count = 0;
    for (const entry of entries) count += entry.isDirectory() ? await walk(join(dir, entry.name)) : 1;
    return count;
  };
  return walk(join(config.directory, "objects"));
}

describe("attachments on the local driver", () => {
  it("slot → upload → complete → message: the other member downloads the same bytes, live and in history", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const bytes = pdf();
    const attachment = await upload(alice, chatId, "Отчёт 2026.pdf", bytes, { contentType: "application/pdf" });
    expect(attachment).toMatchObject({ kind: "FILE", fileName: "Отчёт 2026.pdf", mimeType: "application/pdf", size: bytes.length, hasThumbnail: false });

    const sent = await alice.call().message.send({ chatId, clientId: randomUUID(), attachmentIds: [attachment.id] });
    expect(sent.message).toMatchObject({ content: "", attachments: [attachment] });
    expect(sentTo(published, bob.user.id, "message:new")).toEqual([sent.message]);
    const history = await bob.call().message.history({ chatId });
    expect(history.messages.at(-1)!.attachments).toEqual([attachment]);
    const list = await bob.call().chat.list();
    expect(list.find((chat) => chat.id === chatId)!.lastMessage!.attachments).toEqual([attachment]);

    const { redirect, response } = await downloadAttachment(bob.jar, attachment.id);
    expect(redirect.status).toBe(302);
    expect((await bodyOf(response)).equals(bytes)).toBe(true);
    expect(response!.headers.get("content-disposition")).toMatch(/^attachment; .*filename\*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82%202026\.pdf$/);
    expect(response!.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response!.headers.get("content-length")).toBe(String(bytes.length));
    const viaTrpc = await bob.call().attachment.downloadUrl({ attachmentId: attachment.id });
    expect(Date.parse(viaTrpc.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60 * 1000);
    expect((await bodyOf(await getSigned(viaTrpc.url))).equals(bytes)).toBe(true);
    // Seeking (what <audio> does): a byte range of the decrypted file.
    const partial = await getSigned(viaTrpc.url, { range: "bytes=100-4099" });
    expect(partial.status).toBe(206);
    expect(partial.headers.get("content-range")).toBe(`bytes 100-4099/${bytes.length}`);
    expect(Buffer.from(await partial.arrayBuffer()).equals(bytes.subarray(100, 4100))).toBe(true);
    expect((await getSigned(viaTrpc.url, { range: `bytes=${bytes.length}-` })).status).toBe(416);
  });

  it("several files with a caption keep their order; a resend returns the stored message with them", async () => {
    const { alice, chatId } = await directChatPair();
    const first = await upload(alice, chatId, "a.pdf", pdf(100));
    const second = await upload(alice, chatId, "b.pdf", pdf(200));
    const clientId = randomUUID();
    const sent = await alice.call().message.send({ chatId, clientId, content: "two files", attachmentIds: [second.id, first.id] });
    expect(sent.message.attachments.map((file) => file.fileName)).toEqual(["b.pdf", "a.pdf"]);
    const resent = await alice.call().message.send({ chatId, clientId, content: "two files", attachmentIds: [second.id, first.id] });
    expect(resent).toEqual({ created: false, message: sent.message });
    const batch = await alice.call().message.sendBatch({ messages: [{ chatId, clientId, content: "two files", attachmentIds: [second.id, first.id] }] });
    expect(batch[0]).toEqual({ ok: true, created: false, message: sent.message });
  });

  it("refuses someone else's upload, another chat's, an unfinished one and one already sent, storing nothing", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const carol = await registerUser();
    const { chatId: otherChat } = await alice.call().chat.openDirect({ userId: carol.user.id });
    const bobs = await upload(bob, chatId, "bob.pdf", pdf(100));
    const otherChats = await upload(alice, otherChat, "other.pdf", pdf(100));
    const unfinished = (await slotWithTarget(alice, chatId, "later.pdf", pdf(100))).slot.attachment;
    const sentOnce = await upload(alice, chatId, "once.pdf", pdf(100));
    await alice.call().message.send({ chatId, clientId: randomUUID(), attachmentIds: [sentOnce.id] });
    const mine = await upload(alice, chatId, "mine.pdf", pdf(100));
    const before = await db.message.count({ where: { chatId } });
    for (const id of [bobs.id, otherChats.id, unfinished.id, sentOnce.id, randomUUID()]) {
      const { error, shape } = await expectTRPCError(alice.call().message.send({ chatId, clientId: randomUUID(), content: "x", attachmentIds: [mine.id, id] }), "BAD_REQUEST");
      expect(error.message).toBe("This file cannot be attached");
      expect(shape.data.field).toBe("attachmentIds");
    }
    expect(await db.message.count({ where: { chatId } })).toBe(before);
    expect((await db.attachment.findUniqueOrThrow({ where: { id: mine.id } })).messageId).toBeNull();
    const many = Array.from({ length: MESSAGE_MAX_ATTACHMENTS + 1 }, () => randomUUID());
    const { error: tooMany } = await expectTRPCError(alice.call().message.send({ chatId, clientId: randomUUID(), attachmentIds: many }), "BAD_REQUEST");
    expect(tooMany.message).toMatch(`At most ${MESSAGE_MAX_ATTACHMENTS} files`);
    const [batchResult] = await alice.call().message.sendBatch({ messages: [{ chatId, clientId: randomUUID(), attachmentIds: [bobs.id] }] });
    expect(batchResult).toMatchObject({ ok: false, code: "BAD_REQUEST", field: "attachmentIds" });
  });

  it("two messages racing for one upload: exactly one gets it", async () => {
    const { alice, chatId } = await directChatPair();
    const file = await upload(alice, chatId, "race.pdf", pdf(100));
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => alice.call().message.send({ chatId, clientId: randomUUID(), attachmentIds: [file.id] })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.message.count({ where: { chatId } })).toBe(1);
  });

  it("only current members get the file: a non-member, a removed member, a signed-out visitor and a guessed id get 404", async () => {
    const [owner, member, stranger] = await Promise.all([registerUser(), registerUser(), registerUser()]);
    const { chatId } = await owner.call().chat.createGroup({ title: "Files", memberIds: [member.user.id] });
    const file = await upload(owner, chatId, "plan.pdf", pdf(300));
    // Before it is sent, only its uploader may read it.
    expect((await openAttachment(member.jar, file.id)).status).toBe(404);
    expect((await openAttachment(owner.jar, file.id)).status).toBe(302);
    await owner.call().message.send({ chatId, clientId: randomUUID(), attachmentIds: [file.id] });
    expect((await openAttachment(member.jar, file.id)).status).toBe(302);

    await expectTRPCError(stranger.call().attachment.downloadUrl({ attachmentId: file.id }), "NOT_FOUND");
    expect((await openAttachment(stranger.jar, file.id)).status).toBe(404);
    expect((await openAttachment(null, file.id)).status).toBe(404);
    expect((await openAttachment(owner.jar, randomUUID())).status).toBe(404);
    expect((await openAttachment(owner.jar, "not-a-uuid")).status).toBe(404);
    expect((await openAttachment(owner.jar, file.id, "thumbnail")).status).toBe(404);
    await expectTRPCError(stranger.call().attachment.list({ chatId }), "NOT_FOUND");

    await owner.call().chat.member.remove({ chatId, userId: member.user.id });
    await expectTRPCError(member.call().attachment.downloadUrl({ attachmentId: file.id }), "NOT_FOUND");
    expect((await openAttachment(member.jar, file.id)).status).toBe(404);
    await owner.call().auth.signOut();
    expect((await openAttachment(owner.jar, file.id)).status).toBe(404);
  });

  it("an expired or altered download link is refused", async () => {
    const { alice, chatId } = await directChatPair();
    const file = await upload(alice, chatId, "soon.pdf", pdf(100));
    const { url } = await alice.call().attachment.downloadUrl({ attachmentId: file.id });
    expect((await getSigned(url)).status).toBe(200);
    expect((await getSigned(`${url.slice(0, -2)}xx`)).status).toBe(403);
    setStorage(new LocalStorageDriver({ ...config, now: () => Date.now() + 6 * 60 * 1000 }));
    try {
      const expired = await getSigned(url);
      expect(expired.status).toBe(403);
      expect(await expired.json()).toMatchObject({ error: { message: "Storage link has expired" } });
    } finally {
      setStorage(new LocalStorageDriver(config));
    }
  });

  it("the type comes from the bytes: an HTML page named .png is a download-only file, never shown inline", async () => {
    const { alice, chatId } = await directChatPair();
    const html = Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");
    const file = await upload(alice, chatId, "cat.png", html, { contentType: "image/png" });
    expect(file).toMatchObject({ kind: "FILE", mimeType: "application/octet-stream", hasThumbnail: false, width: null });
    const { response } = await downloadAttachment(alice.jar, file.id);
    expect((await bodyOf(response)).equals(html)).toBe(true);
    expect(response!.headers.get("content-type")).toBe("application/octet-stream");
    expect(response!.headers.get("content-disposition")).toMatch(/^attachment; filename="cat.png"/);
    expect(response!.headers.get("content-security-policy")).toContain("sandbox");
  });

  it("a voice message must be audio: text bytes are refused with a clear message and not kept", async () => {
    const { alice, chatId } = await directChatPair();
    const objects = await storedObjectCount();
    const { slot, target } = await slotWithTarget(alice, chatId, "voice.ogg", Buffer.from("just some text, not audio"), { purpose: "VOICE", contentType: "audio/ogg" });
    await putBytes(target, Buffer.from("just some text, not audio"));
    const { error } = await expectTRPCError(alice.call().attachment.complete({ attachmentId: slot.attachment.id }), "BAD_REQUEST");
    expect(error.message).toMatch(/do not match an allowed type/);
    expect(await db.attachment.count({ where: { id: slot.attachment.id } })).toBe(0);
    expect(await storedObjectCount()).toBe(objects);

    const voice = await upload(alice, chatId, "voice.wav", wav(), { purpose: "VOICE" });
    expect(voice).toMatchObject({ kind: "VOICE", mimeType: "audio/wav" });
    const withMeta = await alice.call().attachment.complete({ attachmentId: voice.id });
    expect(withMeta).toEqual(voice);
  });

  it("keeps the voice recording's duration and waveform", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const bytes = wav();
    const { slot, target } = await slotWithTarget(alice, chatId, "voice.wav", bytes, { purpose: "VOICE" });
    await putBytes(target, bytes);
    const tooLong = Array.from({ length: WAVEFORM_MAX_SAMPLES + 1 }, () => 9);
    await expectTRPCError(alice.call().attachment.complete({ attachmentId: slot.attachment.id, durationMs: 1500, waveform: tooLong }), "BAD_REQUEST");
    const waveform = Array.from({ length: WAVEFORM_MAX_SAMPLES }, (_, index) => index % 256);
    const voice = await alice.call().attachment.complete({ attachmentId: slot.attachment.id, durationMs: 1500, waveform });
    expect(voice).toMatchObject({ kind: "VOICE", durationMs: 1500, waveform });
    await alice.call().message.send({ chatId, clientId: randomUUID(), attachmentIds: [voice.id] });
    const { response } = await downloadAttachment(bob.jar, voice.id);
    expect(response!.headers.get("content-type")).toBe("audio/wav");
    expect(response!.headers.get("content-disposition")).toMatch(/^inline; /);
    const voices = await bob.call().attachment.list({ chatId, filter: "voice" });
    expect(voices.items.map((item) => item.id)).toEqual([voice.id]);
  });

  it("a file over the limit is refused before any byte is sent, with the limit in MB", async () => {
    const { alice, chatId } = await directChatPair();
    const { error, shape } = await expectTRPCError(
      alice.call().attachment.createUpload({ chatId, clientId: randomUUID(), fileName: "film.mp4", size: MAX_BYTES + 1 }),
      "PAYLOAD_TOO_LARGE",
    );
    expect(error.message).toBe('"film.mp4" is 1 MB: files may be at most 1 MB');
    expect(shape.data.field).toBe("size");
    expect(await db.attachment.count({ where: { uploaderId: alice.user.id } })).toBe(0);
  });

  it("over the storage quota is refused with what is used; usage reports it", async () => {
    const { alice, chatId } = await directChatPair();
    const quota = (await alice.call().attachment.usage()).quotaBytes;
    await db.attachment.create({
      data: { uploaderId: alice.user.id, chatId, storageKey: `files/quota-${randomUUID()}`, fileName: "big.bin", mimeType: "application/octet-stream", size: BigInt(quota - 1000), status: "READY" },
    });
    expect(await alice.call().attachment.usage()).toEqual({ usedBytes: quota - 1000, quotaBytes: quota });
    const { error, shape } = await expectTRPCError(alice.call().attachment.createUpload({ chatId, clientId: randomUUID(), fileName: "more.pdf", size: 5000 }), "PAYLOAD_TOO_LARGE");
    expect(shape.data.appCode).toBe("STORAGE_QUOTA_EXCEEDED");
    expect(error.message).toMatch(/^Not enough storage left: 1 GB of your 1 GB are used/);
    await alice.call().attachment.createUpload({ chatId, clientId: randomUUID(), fileName: "fits.pdf", size: 500 });
  });

  it("the same clientId gives the same slot; once complete, no upload; another file under it is refused", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const bytes = pdf(100);
    const clientId = randomUUID();
    const input = { chatId, clientId, fileName: "same.pdf", size: bytes.length };
    const first = await alice.call().attachment.createUpload(input);
    const again = await alice.call().attachment.createUpload(input);
    expect(again.attachment.id).toBe(first.attachment.id);
    expect(again.attachment.status).toBe("PENDING");
    if (again.upload?.kind !== "single") throw new Error("expected a single PUT");
    await putBytes(again.upload.target, bytes);
    await alice.call().attachment.complete({ attachmentId: first.attachment.id });
    expect(await alice.call().attachment.createUpload(input)).toMatchObject({ attachment: { id: first.attachment.id, status: "READY" }, upload: null });
    const { shape } = await expectTRPCError(alice.call().attachment.createUpload({ ...input, size: 99 }), "BAD_REQUEST");
    expect(shape.data.field).toBe("clientId");
    // Client ids are per uploader.
    expect((await bob.call().attachment.createUpload(input)).attachment.id).not.toBe(first.attachment.id);
  });

  it("uploads a large file in parts, resuming after a dropped part", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const bytes = Buffer.concat([Buffer.from("%PDF-1.4\n"), randomBytes(PART_BYTES * 2 + 1000)]);
    const input = { chatId, clientId: randomUUID(), fileName: "big.pdf", size: bytes.length };
    const slot = await alice.call().attachment.createUpload(input);
    expect(slot.upload).toEqual({ kind: "multipart", partSize: PART_BYTES, partCount: 3, uploadedParts: [] });
    const part = (n: number) => bytes.subarray((n - 1) * PART_BYTES, n * PART_BYTES);
    const target = async (n: number): Promise<Target> => (await alice.call().attachment.uploadPart({ attachmentId: slot.attachment.id, partNumber: n })).target;

    const first = await putBytes(await target(1), part(1));
    expect(first.status).toBe(200);
    const etag1 = first.headers.get("etag")!;
    // The connection drops half-way through part 2: the driver keeps nothing of it.
    const cut = await putBytes(await target(2), part(2).subarray(0, 1000));
    expect(cut.status).toBe(400);
    // After a reload, the same clientId tells which parts arrived.
    const resumed = await alice.call().attachment.createUpload(input);
    expect(resumed.attachment.id).toBe(slot.attachment.id);
    expect(resumed.upload).toEqual({ kind: "multipart", partSize: PART_BYTES, partCount: 3, uploadedParts: [{ partNumber: 1, etag: etag1.replaceAll('"', "") }] });
    const etags = [etag1];
    for (const n of [2, 3]) etags.push((await putBytes(await target(n), part(n))).headers.get("etag")!);
    const done = await alice.call().attachment.complete({ attachmentId: slot.attachment.id, parts: etags.map((etag, index) => ({ partNumber: index + 1, etag })) });
    expect(done).toMatchObject({ size: bytes.length, mimeType: "application/pdf" });
    await alice.call().message.send({ chatId, clientId: randomUUID(), attachmentIds: [done.id] });
    const { response } = await downloadAttachment(bob.jar, done.id);
    expect((await bodyOf(response)).equals(bytes)).toBe(true);
    await expectTRPCError(alice.call().attachment.uploadPart({ attachmentId: done.id, partNumber: 1 }), "BAD_REQUEST");
  });

  it("a photo is served only once the job stripped its EXIF and GPS; then its thumbnail arrives live", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const photo = await sharp({ create: { width: 640, height: 320, channels: 3, background: "#3366cc" } })
      .jpeg()
      .withExif({ IFD0: { Make: "SpyCam" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 2400/100", GPSLongitudeRef: "E", GPSLongitude: "2/1 21/1 0/1" } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(photo.includes(Buffer.from("SpyCam"))).toBe(true);
    const objects = await storedObjectCount();
    // complete: the displayed size (orientation applied) from the header, the rest left to the job.
    const image = await upload(alice, chatId, "IMG_0001.JPG", photo, { contentType: "image/jpeg" });
    expect(image).toMatchObject({ kind: "IMAGE", mimeType: "image/jpeg", width: 320, height: 640, hasThumbnail: false, processing: true });
    expect(await queuedJobs("attachments.process-image")).toEqual([expect.objectContaining({ data: { attachmentId: image.id }, state: "created" })]);
    const sent = await alice.call().message.send({ chatId, clientId: randomUUID(), content: "look", attachmentIds: [image.id] });
    expect(sent.message.attachments).toEqual([image]);

    // Not processed yet: the original (which still has its GPS) is refused, the thumbnail does not exist.
    const refused = await openAttachment(bob.jar, image.id);
    expect(refused.status).toBe(409);
    expect(refused.headers.get("retry-after")).toBe("2");
    expect(await refused.json()).toMatchObject({ error: { code: "ATTACHMENT_PROCESSING" } });
    expect((await openAttachment(bob.jar, image.id, "thumbnail")).status).toBe(404);
    await expectTRPCError(bob.call().attachment.downloadUrl({ attachmentId: image.id }), "CONFLICT");
    expect(sentTo(published, bob.user.id, "attachment:ready")).toEqual([]);

    const ran = await runQueuedJobs();
    expect(ran.filter((job) => job.name === "attachments.process-image")).toEqual([expect.objectContaining({ ok: true })]);
    const processed = (await bob.call().message.history({ chatId })).messages.at(-1)!.attachments[0]!;
    expect(processed).toMatchObject({ id: image.id, kind: "IMAGE", width: 320, height: 640, hasThumbnail: true, processing: false });
    for (const member of [alice, bob]) {
      expect(sentTo(published, member.user.id, "attachment:ready")).toEqual([{ chatId, messageId: sent.message.id, attachment: processed }]);
    }

    const original = await downloadAttachment(bob.jar, image.id);
    expect(original.response!.headers.get("content-disposition")).toMatch(/^inline; /);
    const stored = await bodyOf(original.response);
    expect(stored.includes(Buffer.from("SpyCam"))).toBe(false);
    const metadata = await sharp(stored).metadata();
    expect(metadata).toMatchObject({ format: "jpeg", width: 320, height: 640 });
    expect(metadata.exif).toBeUndefined();
    expect(processed.size).toBe(stored.length);
    // The cleaned copy and the thumbnail; the original with its GPS is gone from the store.
    expect(await storedObjectCount()).toBe(objects + 2);

    const thumbnail = await downloadAttachment(bob.jar, image.id, "thumbnail");
    expect(thumbnail.response!.headers.get("content-type")).toBe("image/webp");
    expect(await sharp(await bodyOf(thumbnail.response)).metadata()).toMatchObject({ format: "webp", width: 160, height: 320 });
    const forced = await downloadAttachment(bob.jar, image.id, "original", "?download=1");
    expect(forced.response!.headers.get("content-disposition")).toMatch(/^attachment; filename="IMG_0001.JPG"/);

    const media = await bob.call().attachment.list({ chatId });
    expect(media).toEqual({ items: [expect.objectContaining({ id: image.id, senderId: alice.user.id })], nextCursor: null });
    expect((await bob.call().attachment.list({ chatId, filter: "files" })).items).toEqual([]);
    // Idempotent: running the job again changes nothing and tells no one.
    await processImage(image.id, { final: false });
    expect(sentTo(published, bob.user.id, "attachment:ready")).toHaveLength(1);
  });

  it("an image processed before it is sent tells no one; its message carries the thumbnail", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const photo = await sharp({ create: { width: 200, height: 100, channels: 3, background: "#0a0" } }).png().toBuffer();
    const image = await upload(alice, chatId, "early.png", photo);
    await runQueuedJobs();
    expect(published.filter((entry) => entry.event === "attachment:ready")).toEqual([]);
    const sent = await alice.call().message.send({ chatId, clientId: randomUUID(), attachmentIds: [image.id] });
    expect(sent.message.attachments).toEqual([expect.objectContaining({ id: image.id, hasThumbnail: true, processing: false })]);
    expect((await downloadAttachment(bob.jar, image.id, "thumbnail")).response!.status).toBe(200);
  });

  it("two completes racing for one photo agree on one result, enqueue one job and leave no stray objects", async () => {
    const { alice, chatId } = await directChatPair();
    const photo = await sharp({ create: { width: 200, height: 100, channels: 3, background: "#0a0" } }).png().toBuffer();
    const objects = await storedObjectCount();
    const { slot, target } = await slotWithTarget(alice, chatId, "twice.png", photo);
    await putBytes(target, photo);
    const [a, b] = await Promise.all([0, 1].map(() => alice.call().attachment.complete({ attachmentId: slot.attachment.id })));
    expect(a).toEqual(b);
    expect(a).toMatchObject({ kind: "IMAGE", width: 200, height: 100, processing: true });
    expect((await queuedJobs("attachments.process-image")).filter((job) => (job.data as { attachmentId: string }).attachmentId === a!.id)).toHaveLength(1);
    await runQueuedJobs();
    // The cleaned original and its thumbnail.
    expect(await storedObjectCount()).toBe(objects + 2);
  });

  it("an image whose header is unreadable is refused with a readable error and not kept", async () => {
    const { alice, chatId } = await directChatPair();
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#f00" } }).png().toBuffer();
    const broken = Buffer.concat([png.subarray(0, 33), Buffer.alloc(200, 0x41)]);
    const { slot, target } = await slotWithTarget(alice, chatId, "broken.png", broken);
    await putBytes(target, broken);
    const { error } = await expectTRPCError(alice.call().attachment.complete({ attachmentId: slot.attachment.id }), "BAD_REQUEST");
    expect(error.message).toMatch(/^Not a readable image/);
    expect(await db.attachment.count({ where: { id: slot.attachment.id } })).toBe(0);
  });

  it("a cut-off image with a sound header ends up a download-only file, never stuck processing", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#f00" } }).png().toBuffer();
    const noisy = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 30 } } }).png().toBuffer();
    for (const broken of [png.subarray(0, png.length - 20), noisy.subarray(0, noisy.length / 2)]) {
      const image = await upload(alice, chatId, "broken.png", broken);
      expect(image).toMatchObject({ kind: "IMAGE", width: 64, height: 64, processing: true });
      await alice.call().message.send({ chatId, clientId: randomUUID(), attachmentIds: [image.id] });
      expect((await runQueuedJobs()).filter((job) => job.name === "attachments.process-image")).toEqual([expect.objectContaining({ ok: true })]);
      const [ready] = sentTo(published, bob.user.id, "attachment:ready").slice(-1) as [{ attachment: unknown }];
      expect(ready.attachment).toMatchObject({ id: image.id, kind: "FILE", mimeType: "application/octet-stream", hasThumbnail: false, processing: false });
      const { response } = await downloadAttachment(bob.jar, image.id);
      expect(response!.headers.get("content-disposition")).toMatch(/^attachment; /);
      expect((await bodyOf(response)).equals(broken)).toBe(true);
    }
  });

  it("complete before the bytes arrived, and a wrong-size PUT, are refused with readable errors", async () => {
    const { alice, chatId } = await directChatPair();
    const bytes = pdf(100);
    const { slot, target } = await slotWithTarget(alice, chatId, "early.pdf", bytes);
    const { error } = await expectTRPCError(alice.call().attachment.complete({ attachmentId: slot.attachment.id }), "BAD_REQUEST");
    expect(error.message).toBe("The file has not been uploaded yet");
    const tooLong = await putBytes(target, Buffer.concat([bytes, Buffer.from("extra")]));
    expect(tooLong.status).toBe(413);
    expect(await tooLong.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
    const bad = await putBytes({ url: "/api/files/upload/forged.token", headers: {} }, bytes);
    expect(bad.status).toBe(403);
    expect((await putBytes(target, bytes)).status).toBe(200);
    expect((await alice.call().attachment.complete({ attachmentId: slot.attachment.id })).size).toBe(bytes.length);
  });

  it("abort removes an unsent upload and its bytes; a sent one cannot be aborted", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const objects = await storedObjectCount();
    const file = await upload(alice, chatId, "drop.pdf", pdf(100));
    expect(await storedObjectCount()).toBe(objects + 1);
    expect(await bob.call().attachment.abort({ attachmentId: file.id })).toEqual({ ok: true });
    expect(await db.attachment.count({ where: { id: file.id } })).toBe(1);
    expect(await alice.call().attachment.abort({ attachmentId: file.id })).toEqual({ ok: true });
    expect(await db.attachment.count({ where: { id: file.id } })).toBe(0);
    expect(await storedObjectCount()).toBe(objects);
    const kept = await upload(alice, chatId, "keep.pdf", pdf(100));
    await alice.call().message.send({ chatId, clientId: randomUUID(), attachmentIds: [kept.id] });
    await expectTRPCError(alice.call().attachment.abort({ attachmentId: kept.id }), "BAD_REQUEST");
  });

  it("lists a chat's media and files newest first, page by page", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) {
      const file = await upload(alice, chatId, `doc${index}.pdf`, pdf(50));
      await alice.call().message.send({ chatId, clientId: randomUUID(), attachmentIds: [file.id] });
      ids.push(file.id);
    }
    const first = await bob.call().attachment.list({ chatId, filter: "files", limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual([ids[2], ids[1]]);
    const second = await bob.call().attachment.list({ chatId, filter: "files", limit: 2, cursor: first.nextCursor! });
    expect(second).toMatchObject({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    expect((await bob.call().attachment.list({ chatId })).items).toEqual([]);
  });
});
