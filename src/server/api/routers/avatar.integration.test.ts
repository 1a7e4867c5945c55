// Uploaded avatars on real PostgreSQL and the local storage driver: account.setAvatar,
// chat.setAvatar and GET /api/avatars/<id> (who may see it), replacing and removing (the old files
// deleted by the queued job), and the refusals (someone else's upload, not an image, not an admin).
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import sharp from "sharp";
import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "~/server/db";
import { serveAvatar } from "~/server/http/avatar-response";
import { isStored } from "../../../../test/stored-files";
import { runQueuedJobs } from "../../../../test/jobs";
import { recordPublishedPerTest, sentTo } from "../../../../test/publisher";
import { expectTRPCError, registerUser, type Client, type TestCookieJar } from "../../../../test/trpc";
import { putBytes } from "../../../../test/uploads";

const storageDir = await vi.hoisted(async () => (await import("../../../../test/temp-storage")).tempStorageDir());
afterAll(() => rm(storageDir, { recursive: true, force: true }));

const published = recordPublishedPerTest();

async function png(width = 300, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } }).png().toBuffer();
}

/** Slot (no chat) → PUT → complete: an AVATAR upload of `bytes`. */
async function uploadAvatar(client: Client, bytes: Uint8Array) {
  const slot = await client.call().attachment.createUpload({ clientId: randomUUID(), fileName: "me.png", size: bytes.length, purpose: "AVATAR" });
  if (slot.upload?.kind !== "single") throw new Error("expected a single PUT");
  expect((await putBytes(slot.upload.target, bytes)).status).toBe(200);
  return client.call().attachment.complete({ attachmentId: slot.attachment.id });
}

function cookieOf(jar: TestCookieJar | null): string {
  return jar ? Object.entries(jar.snapshot()).map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; ") : "";
}

async function openAvatar(jar: TestCookieJar | null, path: string): Promise<Response> {
  const id = path.split("/").pop()!;
  return serveAvatar(new Request(`http://localhost:3000${path}`, { headers: { cookie: cookieOf(jar) } }), id);
}

async function storedKeys(attachmentId: string): Promise<string[]> {
  const row = await db.attachment.findUniqueOrThrow({ where: { id: attachmentId } });
  return [row.storageKey, ...(row.thumbnailKey ? [row.thumbnailKey] : [])];
}

async function groupOf(owner: Client, ...others: Client[]) {
  const ids = await Promise.all(others.map(async (client) => (await client.call().account.me()).id));
  return owner.call().chat.createGroup({ title: "Avatars", memberIds: ids });
}

describe("profile avatars", () => {
  it("an uploaded image becomes a 256 px square WebP avatar that anyone signed in can load, and others hear of it", async () => {
    const [alice, bob] = await Promise.all([registerUser(), registerUser()]);
    await alice.call().chat.openDirect({ userId: bob.user.id });
    const avatar = await uploadAvatar(alice, await png(300, 200));
    expect(avatar).toMatchObject({ mimeType: "image/webp", width: 256, height: 256 });

    const me = await alice.call().account.setAvatar({ attachmentId: avatar.id });
    expect(me.avatarUrl).toBe(`/api/avatars/${avatar.id}`);
    expect(sentTo(published, bob.user.id, "user:updated")).toEqual([{ userId: alice.user.id }]);

    const stranger = await registerUser();
    const response = await openAvatar(stranger.jar, me.avatarUrl!);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/webp");
    expect(response.headers.get("cache-control")).toContain("max-age=31536000");
    const image = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect([image.format, image.width, image.height]).toEqual(["webp", 256, 256]);

    expect((await openAvatar(null, me.avatarUrl!)).status).toBe(404);
    expect((await openAvatar(stranger.jar, `/api/avatars/${randomUUID()}`)).status).toBe(404);
    expect((await openAvatar(stranger.jar, "/api/avatars/not-an-id")).status).toBe(404);
  });

  it("replacing and removing the avatar deletes the old one's row and files through the job", async () => {
    const alice = await registerUser();
    const first = await uploadAvatar(alice, await png());
    await alice.call().account.setAvatar({ attachmentId: first.id });
    const firstKeys = await storedKeys(first.id);
    const second = await uploadAvatar(alice, await png(64, 64));
    await alice.call().account.setAvatar({ attachmentId: second.id });
    expect(await db.attachment.findUnique({ where: { id: first.id } })).toBeNull();
    // The objects go once the queued job runs (enqueued in the replacing transaction).
    expect(await Promise.all(firstKeys.map(isStored))).toEqual([true]);
    await runQueuedJobs();
    expect(await Promise.all(firstKeys.map(isStored))).toEqual([false]);

    const secondKeys = await storedKeys(second.id);
    expect((await alice.call().account.setAvatar({ attachmentId: null })).avatarUrl).toBeNull();
    await runQueuedJobs();
    expect(await db.attachment.findUnique({ where: { id: second.id } })).toBeNull();
    expect(await Promise.all(secondKeys.map(isStored))).toEqual([false]);
  });

  it("an https avatar URL in the profile form still works and replaces an uploaded one", async () => {
    const alice = await registerUser();
    const uploaded = await uploadAvatar(alice, await png());
    await alice.call().account.setAvatar({ attachmentId: uploaded.id });
    const me = await alice.call().account.updateProfile({ avatarUrl: "https://example.com/me.png" });
    expect(me.avatarUrl).toBe("https://example.com/me.png");
    expect(await db.attachment.findUnique({ where: { id: uploaded.id } })).toBeNull();
    await expectTRPCError(alice.call().account.updateProfile({ avatarUrl: `/api/avatars/${uploaded.id}` }), "BAD_REQUEST");
  });

  it("refuses someone else's upload, a file that is not an image and an upload already in use", async () => {
    const [alice, bob] = await Promise.all([registerUser(), registerUser()]);
    const bobs = await uploadAvatar(bob, await png());
    const refused = await expectTRPCError(alice.call().account.setAvatar({ attachmentId: bobs.id }), "BAD_REQUEST");
    expect(refused.error.message).toMatch(/cannot be used as an avatar/);

    const text = Buffer.from("just some text, not an image at all");
    const { error } = await expectTRPCError(uploadAvatar(alice, text), "BAD_REQUEST");
    expect(error.message).toMatch(/an avatar must be an image/);

    const mine = await uploadAvatar(alice, await png());
    await alice.call().account.setAvatar({ attachmentId: mine.id });
    const { chatId } = await groupOf(alice);
    await expectTRPCError(alice.call().chat.setAvatar({ chatId, attachmentId: mine.id }), "BAD_REQUEST");
    // An avatar slot belongs to no chat; a file slot needs one.
    await expectTRPCError(alice.call().attachment.createUpload({ chatId, clientId: randomUUID(), fileName: "a.png", size: 10, purpose: "AVATAR" }), "BAD_REQUEST");
    await expectTRPCError(alice.call().attachment.createUpload({ clientId: randomUUID(), fileName: "a.png", size: 10 }), "BAD_REQUEST");
  });
});

describe("group avatars", () => {
  it("owners and admins set it, members see it, others get 404; a plain member may not change it", async () => {
    const [owner, admin, member, outsider] = await Promise.all([registerUser(), registerUser(), registerUser(), registerUser()]);
    const { chatId } = await groupOf(owner, admin, member);
    await owner.call().chat.member.setRole({ chatId, userId: admin.user.id, role: "ADMIN" });

    const byMember = await uploadAvatar(member, await png());
    const denied = await expectTRPCError(member.call().chat.setAvatar({ chatId, attachmentId: byMember.id }), "FORBIDDEN");
    expect(denied.error.message).toMatch(/owner and admins/);
    await expectTRPCError(outsider.call().chat.setAvatar({ chatId, attachmentId: null }), "NOT_FOUND");

    const first = await uploadAvatar(owner, await png());
    published.length = 0;
    const { avatarUrl } = await owner.call().chat.setAvatar({ chatId, attachmentId: first.id });
    expect(avatarUrl).toBe(`/api/avatars/${first.id}`);
    expect(sentTo(published, member.user.id, "chat:updated")).toEqual([{ chatId }]);
    expect((await member.call().chat.get({ chatId })).avatarUrl).toBe(avatarUrl);
    expect((await openAvatar(member.jar, avatarUrl!)).status).toBe(200);
    expect((await openAvatar(outsider.jar, avatarUrl!)).status).toBe(404);

    const firstKeys = await storedKeys(first.id);
    const second = await uploadAvatar(admin, await png(80, 120));
    await admin.call().chat.setAvatar({ chatId, attachmentId: second.id });
    await runQueuedJobs();
    expect(await Promise.all(firstKeys.map(isStored))).toEqual([false]);
    expect((await openAvatar(member.jar, avatarUrl!)).status).toBe(404);

    await member.call().chat.leave({ chatId });
    expect((await openAvatar(member.jar, `/api/avatars/${second.id}`)).status).toBe(404);
    expect((await admin.call().chat.setAvatar({ chatId, attachmentId: null })).avatarUrl).toBeNull();
  });
});
