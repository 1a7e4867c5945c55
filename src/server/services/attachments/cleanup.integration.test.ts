// The orphan purge and account deletion on real PostgreSQL with the local storage driver: rows and
// stored objects of uploads never sent (and avatars nobody shows) go, sent ones, fresh ones and avatars in use stay.
import { rm, utimes } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "~/server/db";
import { enqueue } from "~/server/jobs/enqueue";
import { getStorage } from "~/server/storage";
import { queuedJobs, runQueuedJobs } from "../../../../test/jobs";
import { isStored, storeFile } from "../../../../test/stored-files";
import { registerUser } from "../../../../test/trpc";

const storageDir = await vi.hoisted(async () => (await import("../../../../test/temp-storage")).tempStorageDir());
afterAll(() => rm(storageDir, { recursive: true, force: true }));

const HOUR = 3_600_000;

async function upload(uploaderId: string, { hoursAgo, purpose = "FILE", messageId = null, chatId = null }: { hoursAgo: number; purpose?: "FILE" | "VOICE" | "AVATAR"; messageId?: string | null; chatId?: string | null }) {
  const [storageKey, thumbnailKey] = [await storeFile(), await storeFile("thumbs")];
  const row = await db.attachment.create({
    data: { uploaderId, chatId, messageId, purpose, status: "READY", storageKey, thumbnailKey, fileName: "a.png", mimeType: "image/png", size: 10n, createdAt: new Date(Date.now() - hoursAgo * HOUR) },
  });
  return { id: row.id, keys: [storageKey, thumbnailKey] };
}

async function chatWithMessage(userId: string) {
  const chat = await db.chat.create({ data: { type: "GROUP", title: "files", createdById: userId, lastSeq: 1, members: { create: { userId, role: "OWNER" } } } });
  const message = await db.message.create({ data: { chatId: chat.id, seq: 1, senderId: userId, content: "see attached" } });
  return { chatId: chat.id, messageId: message.id };
}

async function state(file: { id: string; keys: string[] }) {
  const row = await db.attachment.findUnique({ where: { id: file.id } });
  const stored = await Promise.all(file.keys.map(isStored));
  return { row: row !== null, stored };
}

describe("attachments.purge-orphans", () => {
  it("deletes old unsent uploads and unused avatars (row and objects) and keeps sent, fresh and in-use avatar ones", async () => {
    const { user } = await registerUser();
    const { chatId, messageId } = await chatWithMessage(user.id);
    const orphan = await upload(user.id, { hoursAgo: 25, chatId });
    const voiceOrphan = await upload(user.id, { hoursAgo: 48, purpose: "VOICE", chatId });
    const sent = await upload(user.id, { hoursAgo: 72, chatId, messageId });
    const fresh = await upload(user.id, { hoursAgo: 23, chatId });
    const avatar = await upload(user.id, { hoursAgo: 100, purpose: "AVATAR" });
    await db.user.update({ where: { id: user.id }, data: { avatarUrl: `/api/avatars/${avatar.id}` } });
    const groupAvatar = await upload(user.id, { hoursAgo: 100, purpose: "AVATAR" });
    await db.chat.update({ where: { id: chatId }, data: { avatarUrl: `/api/avatars/${groupAvatar.id}` } });
    const unusedAvatar = await upload(user.id, { hoursAgo: 25, purpose: "AVATAR" });
    // Resumable uploads on the local disk that no row names any more: a stale one and a fresh one.
    const storage = getStorage();
    const multipart = (key: string) => storage.startMultipart(key, { size: storage.partBytes + 1, contentType: "application/octet-stream" });
    const [stale, live] = [await multipart("files/stale-upload"), await multipart("files/live-upload")];
    const longAgo = new Date(Date.now() - 25 * HOUR);
    await utimes(join(storageDir, "multipart", stale.uploadId), longAgo, longAgo);

    await enqueue("attachments.purge-orphans", {});
    const ran = await runQueuedJobs();
    // The purge deletes the rows and enqueues the objects' deletion in the same transaction.
    expect(ran.map(({ name, ok }) => `${name} ${ok}`)).toEqual(["attachments.purge-orphans true", "storage.delete-objects true"]);

    expect(await state(orphan)).toEqual({ row: false, stored: [false, false] });
    expect(await state(voiceOrphan)).toEqual({ row: false, stored: [false, false] });
    expect(await state(unusedAvatar)).toEqual({ row: false, stored: [false, false] });
    for (const kept of [sent, fresh, avatar, groupAvatar]) expect(await state(kept)).toEqual({ row: true, stored: [true, true] });
    await expect(storage.listParts(stale)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await storage.listParts(live)).toEqual([]);
  });

  it("runs at most one purge at a time: a second one sent while one waits is dropped", async () => {
    expect(await enqueue("attachments.purge-orphans", {})).not.toBeNull();
    expect(await enqueue("attachments.purge-orphans", {})).toBeNull();
    expect((await queuedJobs("attachments.purge-orphans")).filter((job) => job.state === "created")).toHaveLength(1);
    await runQueuedJobs();
  });
});

describe("account deletion", () => {
  it("deletes the account's unsent uploads and avatars with their files; its sent attachments stay", async () => {
    const { user, call, input } = await registerUser();
    const { chatId, messageId } = await chatWithMessage(user.id);
    const unsent = await upload(user.id, { hoursAgo: 0, chatId });
    const avatar = await upload(user.id, { hoursAgo: 0, purpose: "AVATAR" });
    const sent = await upload(user.id, { hoursAgo: 0, chatId, messageId });
    const { user: other } = await registerUser();
    const othersUpload = await upload(other.id, { hoursAgo: 0 });

    await call().account.deleteAccount({ password: input.password });
    expect((await state(unsent)).row).toBe(false);
    await runQueuedJobs();

    expect(await state(unsent)).toEqual({ row: false, stored: [false, false] });
    expect(await state(avatar)).toEqual({ row: false, stored: [false, false] });
    expect(await state(sent)).toEqual({ row: true, stored: [true, true] });
    expect(await state(othersUpload)).toEqual({ row: true, stored: [true, true] });
  });
});
