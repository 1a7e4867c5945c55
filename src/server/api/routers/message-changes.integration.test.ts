import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { processImage } from "~/server/services/attachments/process-image";
import { queuedJobs } from "../../../../test/jobs";
import { recordPublishedPerTest, sentTo } from "../../../../test/publisher";
import { directChatPair, expectTRPCError, registerUser, type Client } from "../../../../test/trpc";

const published = recordPublishedPerTest();

function send(client: Client, chatId: string, content: string, replyToId?: string) {
  return client.call().message.send({ chatId, clientId: randomUUID(), content, replyToId }).then((result) => result.message);
}

async function group() {
  const [owner, admin, member, outsider] = await Promise.all([registerUser(), registerUser(), registerUser(), registerUser()]);
  const { chatId } = await owner.call().chat.createGroup({ title: "Team", memberIds: [admin.user.id, member.user.id] });
  await owner.call().chat.member.setRole({ chatId, userId: admin.user.id, role: "ADMIN" });
  return { owner, admin, member, outsider, chatId };
}

describe("the change log", () => {
  it("every message and change takes the chat's next version; catch-up returns what changed after a version", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const first = await send(alice, chatId, "one");
    const second = await send(bob, chatId, "two");
    expect([first.version, second.version]).toEqual([1, 2]);
    const seen = await bob.call().message.history({ chatId });
    expect(seen.lastVersion).toBe(2);

    // Bob is offline through an edit, a deletion and a message.
    const edited = await alice.call().message.edit({ messageId: first.id, content: "one, edited" });
    const deleted = await bob.call().message.delete({ messageId: second.id });
    const third = await send(alice, chatId, "three");
    expect([edited.version, deleted.version, third.version]).toEqual([3, 4, 5]);

    const changes = await bob.call().message.changes({ chatId, afterVersion: seen.lastVersion });
    expect(changes).toEqual({ messages: [edited, deleted, third], hiddenIds: [], version: 5, hasMore: false });
    expect(changes.messages[0]).toMatchObject({ content: "one, edited" });
    expect(changes.messages[0]!.editedAt).not.toBeNull();
    expect(changes.messages[1]).toMatchObject({ content: "", attachments: [] });
    expect(changes.messages[1]!.deletedAt).not.toBeNull();
    expect(await bob.call().message.changes({ chatId, afterVersion: 5 })).toEqual({ messages: [], hiddenIds: [], version: 5, hasMore: false });
  });

  it("pages through a long log without skipping a change", async () => {
    const { alice, chatId } = await directChatPair();
    const sent = [];
    for (const text of ["a", "b", "c", "d", "e"]) sent.push(await send(alice, chatId, text));
    const first = await alice.call().message.changes({ chatId, afterVersion: 0, limit: 2 });
    expect(first).toMatchObject({ version: 2, hasMore: true });
    const second = await alice.call().message.changes({ chatId, afterVersion: first.version, limit: 2 });
    const third = await alice.call().message.changes({ chatId, afterVersion: second.version, limit: 2 });
    expect(third).toMatchObject({ version: 5, hasMore: false });
    expect([...first.messages, ...second.messages, ...third.messages].map((message) => message.id)).toEqual(sent.map((message) => message.id));
  });

  it("is for members only", async () => {
    const { chatId } = await directChatPair();
    const stranger = await registerUser();
    await expectTRPCError(stranger.call().message.changes({ chatId, afterVersion: 0 }), "NOT_FOUND");
  });
});

describe("message.edit", () => {
  it("edits one's own message, live for the chat; the same text again changes nothing", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const message = await send(alice, chatId, "helo");
    const edited = await alice.call().message.edit({ messageId: message.id, content: " hello " });
    expect(edited).toMatchObject({ id: message.id, seq: message.seq, content: "hello", version: 2 });
    expect(edited.editedAt).not.toBeNull();
    expect(sentTo(published, bob.user.id, "message:updated")).toEqual([edited]);
    // A retry (the answer was lost): applied once.
    expect(await alice.call().message.edit({ messageId: message.id, content: "hello" })).toEqual(edited);
    expect(sentTo(published, bob.user.id, "message:updated")).toHaveLength(1);
    expect((await db.chat.findUniqueOrThrow({ where: { id: chatId } })).lastVersion).toBe(2);
  });

  it("refuses others' messages, system messages, deleted messages, non-members and empty text", async () => {
    const { owner, member, outsider, chatId } = await group();
    const mine = await send(member, chatId, "mine");
    const forbidden = await expectTRPCError(owner.call().message.edit({ messageId: mine.id, content: "theirs now" }), "FORBIDDEN");
    expect(forbidden.error.message).toBe("You can only edit your own messages");
    const system = await db.message.findFirstOrThrow({ where: { chatId, kind: "SYSTEM" } });
    await expectTRPCError(owner.call().message.edit({ messageId: system.id, content: "x" }), "FORBIDDEN");
    const notFound = await expectTRPCError(outsider.call().message.edit({ messageId: mine.id, content: "x" }), "NOT_FOUND");
    expect(notFound.error.message).toBe("Message not found");
    await expectTRPCError(member.call().message.edit({ messageId: randomUUID(), content: "x" }), "NOT_FOUND");
    await expectTRPCError(member.call().message.edit({ messageId: mine.id, content: "  " }), "BAD_REQUEST");
    await member.call().message.delete({ messageId: mine.id });
    const gone = await expectTRPCError(member.call().message.edit({ messageId: mine.id, content: "back" }), "BAD_REQUEST");
    expect(gone.error.message).toBe("This message was deleted");
    expect((await db.message.findUniqueOrThrow({ where: { id: mine.id } })).content).toBe("");
  });
});

describe("message.delete", () => {
  it("leaves a tombstone for everyone, live; a retry changes nothing", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const message = await send(alice, chatId, "oops");
    const deleted = await alice.call().message.delete({ messageId: message.id });
    expect(deleted).toMatchObject({ id: message.id, seq: message.seq, content: "", attachments: [] });
    expect(deleted.deletedAt).not.toBeNull();
    expect(sentTo(published, bob.user.id, "message:updated")).toEqual([deleted]);
    expect(await alice.call().message.delete({ messageId: message.id })).toEqual(deleted);
    expect(sentTo(published, bob.user.id, "message:updated")).toHaveLength(1);
    expect((await bob.call().message.history({ chatId })).messages).toEqual([deleted]);
  });

  it("members may delete only their own messages within the window; group owners and admins anyone's, any time", async () => {
    const { owner, admin, member, outsider, chatId } = await group();
    const byMember = await send(member, chatId, "member's");
    const byOwner = await send(owner, chatId, "owner's");
    const old = await send(member, chatId, "from long ago");
    const older = await send(member, chatId, "also old");
    await db.message.updateMany({ where: { id: { in: [old.id, older.id] } }, data: { createdAt: new Date(Date.now() - 49 * 3_600_000) } });

    const notYours = await expectTRPCError(member.call().message.delete({ messageId: byOwner.id }), "FORBIDDEN");
    expect(notYours.error.message).toBe("You can only delete your own messages");
    const tooOld = await expectTRPCError(member.call().message.delete({ messageId: old.id }), "FORBIDDEN");
    expect(tooOld.error.message).toBe("This message is too old to be deleted for everyone");
    await expectTRPCError(outsider.call().message.delete({ messageId: byMember.id }), "NOT_FOUND");
    const system = await db.message.findFirstOrThrow({ where: { chatId, kind: "SYSTEM" } });
    await expectTRPCError(owner.call().message.delete({ messageId: system.id }), "FORBIDDEN");

    expect((await member.call().message.delete({ messageId: byMember.id })).deletedAt).not.toBeNull();
    expect((await admin.call().message.delete({ messageId: old.id })).deletedAt).not.toBeNull();
    expect((await owner.call().message.delete({ messageId: older.id })).deletedAt).not.toBeNull();
    // An admin demoted to member loses the right.
    const another = await send(owner, chatId, "another");
    await owner.call().chat.member.setRole({ chatId, userId: admin.user.id, role: "MEMBER" });
    await expectTRPCError(admin.call().message.delete({ messageId: another.id }), "FORBIDDEN");
  });

  it("in a direct chat no one may delete the other's message", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const message = await send(alice, chatId, "mine");
    await expectTRPCError(bob.call().message.delete({ messageId: message.id }), "FORBIDDEN");
  });

  it("removes the message's files: rows now, objects by a job enqueued with the deletion; a queued image job then tells no one", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const message = await send(alice, chatId, "with files");
    const [file, image] = await Promise.all(
      [
        { fileName: "a.pdf", mimeType: "application/pdf", processing: false, thumbnailKey: null },
        { fileName: "b.jpg", mimeType: "image/jpeg", processing: true, thumbnailKey: `thumbs/${randomUUID()}` },
      ].map((extra, position) =>
        db.attachment.create({ data: { ...extra, uploaderId: alice.user.id, chatId, messageId: message.id, position, status: "READY", storageKey: `files/${randomUUID()}`, size: 10 } }),
      ),
    );
    const jobsBefore = (await queuedJobs("storage.delete-objects")).length;
    await alice.call().message.delete({ messageId: message.id });
    expect(await db.attachment.count({ where: { id: { in: [file!.id, image!.id] } } })).toBe(0);
    const jobs = await queuedJobs("storage.delete-objects");
    expect(jobs).toHaveLength(jobsBefore + 1);
    expect((jobs.at(-1)!.data as { keys: string[] }).keys.sort()).toEqual([file!.storageKey, image!.storageKey, image!.thumbnailKey!].sort());
    await processImage(image!.id, { final: false });
    expect(sentTo(published, bob.user.id, "attachment:ready")).toEqual([]);
  });
});

describe("message.hide (delete for me)", () => {
  it("hides the message for the caller only, on all their devices and in their catch-up; a retry changes nothing", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const message = await send(alice, chatId, "for bob's eyes");
    const before = await bob.call().message.history({ chatId });
    await bob.call().message.hide({ messageId: message.id });
    await bob.call().message.hide({ messageId: message.id });
    expect(sentTo(published, bob.user.id, "message:hidden")).toEqual([{ chatId, messageId: message.id }]);
    expect(sentTo(published, alice.user.id, "message:hidden")).toEqual([]);
    expect((await bob.call().message.history({ chatId })).messages).toEqual([expect.objectContaining({ id: message.id, hidden: true, content: "" })]);
    expect((await alice.call().message.history({ chatId })).messages).toEqual([message]);
    expect((await bob.call().message.changes({ chatId, afterVersion: before.lastVersion })).hiddenIds).toEqual([message.id]);
    expect((await alice.call().message.changes({ chatId, afterVersion: before.lastVersion })).hiddenIds).toEqual([]);
    const stranger = await registerUser();
    await expectTRPCError(stranger.call().message.hide({ messageId: message.id }), "NOT_FOUND");
  });
});

describe("replies", () => {
  it("a reply carries a quote of the original; after the original is deleted the quote says so", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const original = await send(alice, chatId, `question ${"x".repeat(200)}`);
    const reply = await send(bob, chatId, "answer", original.id);
    expect(reply.replyTo).toEqual({ id: original.id, senderId: alice.user.id, snippet: `question ${"x".repeat(91)}`, attachmentKind: null, deleted: false });
    expect(sentTo(published, alice.user.id, "message:new").at(-1)).toEqual(reply);
    await alice.call().message.delete({ messageId: original.id });
    const [, quoted] = (await bob.call().message.history({ chatId })).messages;
    expect(quoted!.replyTo).toEqual({ id: original.id, senderId: alice.user.id, snippet: "", attachmentKind: null, deleted: true });
  });

  it("refuses a reply to a deleted message or to another chat's message", async () => {
    const { alice, chatId } = await directChatPair();
    const other = await directChatPair();
    const elsewhere = await send(other.alice, other.chatId, "elsewhere");
    await expectTRPCError(send(alice, chatId, "re", elsewhere.id), "BAD_REQUEST");
    const original = await send(alice, chatId, "to delete");
    await alice.call().message.delete({ messageId: original.id });
    const refused = await expectTRPCError(send(alice, chatId, "re", original.id), "BAD_REQUEST");
    expect(refused.error.message).toBe("The replied message is not in this chat or was deleted");
  });
});
