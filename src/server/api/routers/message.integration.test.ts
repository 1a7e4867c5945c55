import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { markDelivered } from "~/server/services/messages/receipts";
import { recordPublishedPerTest, sentTo } from "../../../../test/publisher";
import { expectTRPCError, newClient, registerUser } from "../../../../test/trpc";

const published = recordPublishedPerTest();

async function directChat() {
  const [alice, bob] = await Promise.all([registerUser(), registerUser()]);
  const { chatId } = await alice.call().chat.openDirect({ userId: bob.user.id });
  return { alice, bob, chatId };
}

describe("message.send", () => {
  it("stores trimmed text with the next sequence number and fans it out to every member", async () => {
    const { alice, bob, chatId } = await directChat();
    const first = await alice.call().message.send({ chatId, clientId: randomUUID(), content: "  hello  " });
    const second = await bob.call().message.send({ chatId, clientId: randomUUID(), content: "hi" });
    expect(first).toMatchObject({ created: true, message: { seq: 1, content: "hello", senderId: alice.user.id, kind: "TEXT" } });
    expect(second.message.seq).toBe(2);
    expect(sentTo(published, bob.user.id, "message:new")).toEqual([first.message, second.message]);
    expect(sentTo(published, alice.user.id, "message:new")).toEqual([first.message, second.message]);
  });

  it("rejects empty and over-long text with a clear error, storing nothing", async () => {
    const { alice, chatId } = await directChat();
    const empty = await expectTRPCError(alice.call().message.send({ chatId, clientId: randomUUID(), content: "   " }), "BAD_REQUEST");
    expect(empty.shape.data.fieldErrors).toHaveProperty("content");
    const long = await expectTRPCError(alice.call().message.send({ chatId, clientId: randomUUID(), content: "я".repeat(4001) }), "BAD_REQUEST");
    expect(long.error.message).toMatch(/4000/);
    await alice.call().message.send({ chatId, clientId: randomUUID(), content: "я".repeat(4000) });
    expect(await db.message.count({ where: { chatId } })).toBe(1);
  });

  it("refuses text with nothing visible (zero-width spaces, braille blanks, Hangul fillers...), storing and publishing nothing", async () => {
    const { alice, bob, chatId } = await directChat();
    for (const content of ["\u200B\u200B\u200B", "\u2800\u2800", "\u3164", "\u115F\u1160\uFFA0", "\u2060\uFEFF\u200C\u200D\u00AD\u034F\u180E", "\uFE0F", " \u200B \n\u2800 "]) {
      const { shape } = await expectTRPCError(alice.call().message.send({ chatId, clientId: randomUUID(), content }), "BAD_REQUEST");
      expect(shape.data.fieldErrors?.content, JSON.stringify(content)).toEqual(["Message is empty"]);
    }
    expect(await db.message.count({ where: { chatId } })).toBe(0);
    expect(sentTo(published, bob.user.id, "message:new")).toEqual([]);
    const visible = await alice.call().message.send({ chatId, clientId: randomUUID(), content: "\u200Bhi\u200B" });
    expect(visible.message.content).toBe("\u200Bhi\u200B");
  });

  it("a resend with the same client id returns the stored message instead of a duplicate", async () => {
    const { alice, bob, chatId } = await directChat();
    const clientId = randomUUID();
    const sent = await alice.call().message.send({ chatId, clientId, content: "once" });
    const resent = await alice.call().message.send({ chatId, clientId, content: "once" });
    expect(resent).toEqual({ created: false, message: sent.message });
    expect(sentTo(published, bob.user.id, "message:new")).toHaveLength(1);
    // Another sender may use the same id: uniqueness is per sender.
    expect((await bob.call().message.send({ chatId, clientId, content: "mine" })).created).toBe(true);
  });

  it("a resend of a stored message still gets it back after a block, while new messages are refused", async () => {
    const { alice, bob, chatId } = await directChat();
    const clientId = randomUUID();
    const sent = await alice.call().message.send({ chatId, clientId, content: "just before" });
    await bob.call().people.block({ userId: alice.user.id });
    // The outbox lost the answer and resends: the message is there, so that is the answer.
    expect(await alice.call().message.send({ chatId, clientId, content: "just before" })).toEqual({ created: false, message: sent.message });
    const refused = await expectTRPCError(alice.call().message.send({ chatId, clientId: randomUUID(), content: "after" }), "FORBIDDEN");
    expect(refused.shape.data.appCode).toBe("BLOCKED_BY_THEM");
    expect((await db.chat.findUniqueOrThrow({ where: { id: chatId } })).lastSeq).toBe(1);
  });

  it("the same client id sent 3 times concurrently stores one message", async () => {
    const { alice, chatId } = await directChat();
    const clientId = randomUUID();
    const results = await Promise.all([1, 2, 3].map(() => alice.call().message.send({ chatId, clientId, content: "racing" })));
    expect(new Set(results.map((result) => result.message.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await db.message.count({ where: { chatId } })).toBe(1);
    expect((await db.chat.findUniqueOrThrow({ where: { id: chatId } })).lastSeq).toBe(1);
  });

  it("concurrent senders get gap-free, unique sequence numbers", async () => {
    const { alice, bob, chatId } = await directChat();
    await Promise.all(
      Array.from({ length: 20 }, (_, index) => (index % 2 ? alice : bob).call().message.send({ chatId, clientId: randomUUID(), content: `m${index}` })),
    );
    const seqs = (await db.message.findMany({ where: { chatId }, select: { seq: true }, orderBy: { seq: "asc" } })).map((row) => row.seq);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
  });

  it("a client id reused in another chat is refused", async () => {
    const { alice, bob, chatId } = await directChat();
    const carol = await registerUser();
    const other = await alice.call().chat.openDirect({ userId: carol.user.id });
    const clientId = randomUUID();
    await alice.call().message.send({ chatId, clientId, content: "here" });
    await expectTRPCError(alice.call().message.send({ chatId: other.chatId, clientId, content: "there" }), "BAD_REQUEST");
    expect((await bob.call().message.history({ chatId })).messages.map((message) => message.content)).toEqual(["here"]);
    expect((await carol.call().message.history({ chatId: other.chatId })).messages).toEqual([]);
  });

  it("replies must point into the same chat", async () => {
    const { alice, chatId } = await directChat();
    const carol = await registerUser();
    const other = await alice.call().chat.openDirect({ userId: carol.user.id });
    const elsewhere = await alice.call().message.send({ chatId: other.chatId, clientId: randomUUID(), content: "x" });
    const target = await alice.call().message.send({ chatId, clientId: randomUUID(), content: "question" });
    const reply = await alice.call().message.send({ chatId, clientId: randomUUID(), content: "answer", replyToId: target.message.id });
    expect(reply.message.replyToId).toBe(target.message.id);
    await expectTRPCError(alice.call().message.send({ chatId, clientId: randomUUID(), content: "bad", replyToId: elsewhere.message.id }), "BAD_REQUEST");
  });
});

describe("message.sendBatch", () => {
  const batchOf = (chatId: string, count: number, prefix = "m") =>
    Array.from({ length: count }, (_, i) => ({ chatId, clientId: randomUUID(), content: `${prefix}${i}` }));

  it("stores the messages in the order given, one sequence each, and fans each out", async () => {
    const { alice, bob, chatId } = await directChat();
    const messages = batchOf(chatId, 20);
    const results = await alice.call().message.sendBatch({ messages });
    expect(results.map((result) => (result.ok ? [result.created, result.message.seq, result.message.content] : result.code))).toEqual(
      messages.map((message, i) => [true, i + 1, message.content]),
    );
    expect(sentTo(published, bob.user.id, "message:new").map((message) => (message as { seq: number }).seq)).toEqual(messages.map((_, i) => i + 1));
  });

  it("a resent batch (lost answer) gets the stored messages back, nothing doubled, and new ones appended", async () => {
    const { alice, chatId } = await directChat();
    const messages = batchOf(chatId, 5);
    const first = await alice.call().message.sendBatch({ messages });
    const again = await alice.call().message.sendBatch({ messages: [...messages, ...batchOf(chatId, 2, "new")] });
    expect(again.slice(0, 5)).toEqual(first.map((result) => ({ ...result, created: false })));
    expect(again.slice(5).map((result) => result.ok && result.created && result.message.seq)).toEqual([6, 7]);
    expect(await db.message.count({ where: { chatId } })).toBe(7);
  });

  it("a refused message in the middle gets its own error; the ones around it are sent, in order", async () => {
    const { alice, bob, chatId } = await directChat();
    const carol = await registerUser();
    const { chatId: otherChat } = await bob.call().chat.openDirect({ userId: carol.user.id });
    const [before, after] = batchOf(chatId, 2);
    const foreign = { chatId: otherChat, clientId: randomUUID(), content: "not my chat" };
    const results = await alice.call().message.sendBatch({ messages: [before!, foreign, after!] });
    expect(results[0]).toMatchObject({ ok: true, message: { seq: 1, content: "m0" } });
    expect(results[1]).toMatchObject({ ok: false, clientId: foreign.clientId, code: "NOT_FOUND" });
    expect(results[2]).toMatchObject({ ok: true, message: { seq: 2, content: "m1" } });
    expect(await db.message.count({ where: { chatId: otherChat } })).toBe(0);
  });

  it("a non-member gets NOT_FOUND for each message and stores nothing; a blocked sender gets BLOCKED_BY_THEM", async () => {
    const { alice, bob, chatId } = await directChat();
    const mallory = await registerUser();
    const results = await mallory.call().message.sendBatch({ messages: batchOf(chatId, 3) });
    expect(results.map((result) => !result.ok && result.code)).toEqual(["NOT_FOUND", "NOT_FOUND", "NOT_FOUND"]);
    await bob.call().people.block({ userId: alice.user.id });
    const blocked = await alice.call().message.sendBatch({ messages: batchOf(chatId, 2) });
    expect(blocked.map((result) => !result.ok && result.code)).toEqual(["BLOCKED_BY_THEM", "BLOCKED_BY_THEM"]);
    expect(await db.message.count({ where: { chatId } })).toBe(0);
  });

  it("signed out: UNAUTHORIZED; an empty, over-long or invalid batch: BAD_REQUEST, nothing stored", async () => {
    const { alice, chatId } = await directChat();
    await expectTRPCError(newClient().call().message.sendBatch({ messages: batchOf(chatId, 1) }), "UNAUTHORIZED");
    await expectTRPCError(alice.call().message.sendBatch({ messages: [] }), "BAD_REQUEST");
    await expectTRPCError(alice.call().message.sendBatch({ messages: batchOf(chatId, 51) }), "BAD_REQUEST");
    await expectTRPCError(alice.call().message.sendBatch({ messages: [{ chatId, clientId: randomUUID(), content: "   " }] }), "BAD_REQUEST");
    expect(await db.message.count({ where: { chatId } })).toBe(0);
  });
});

describe("message.history", () => {
  it("pages back by sequence (newest first pages, each oldest-first) and catches up with after", async () => {
    const { alice, bob, chatId } = await directChat();
    for (let index = 1; index <= 25; index++) await alice.call().message.send({ chatId, clientId: randomUUID(), content: `#${index}` });

    const newest = await bob.call().message.history({ chatId, limit: 10 });
    expect(newest.messages.map((message) => message.seq)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(newest).toMatchObject({ hasMore: true, lastSeq: 25 });
    const older = await bob.call().message.history({ chatId, before: 16, limit: 10 });
    expect(older.messages.map((message) => message.seq)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    const oldest = await bob.call().message.history({ chatId, before: 6, limit: 10 });
    expect(oldest.messages.map((message) => message.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(oldest.hasMore).toBe(false);

    const missed = await bob.call().message.history({ chatId, after: 20, limit: 3 });
    expect(missed.messages.map((message) => message.seq)).toEqual([21, 22, 23]);
    expect(missed.hasMore).toBe(true);
    expect((await bob.call().message.history({ chatId, after: 25 })).messages).toEqual([]);
  });

  it("refuses limits over 100 and before together with after", async () => {
    const { alice, chatId } = await directChat();
    await expectTRPCError(alice.call().message.history({ chatId, limit: 101 }), "BAD_REQUEST");
    await expectTRPCError(alice.call().message.history({ chatId, before: 5, after: 1 }), "BAD_REQUEST");
  });
});

describe("receipts", () => {
  it("read and delivered marks move forward only, never past the last message, and are fanned out", async () => {
    const { alice, bob, chatId } = await directChat();
    for (let index = 0; index < 3; index++) await alice.call().message.send({ chatId, clientId: randomUUID(), content: `${index}` });
    published.length = 0;

    // Delivery marks come over the socket (`message:delivered`), which calls the service.
    expect(await markDelivered(bob.user.id, chatId, 3)).toMatchObject({ lastDeliveredSeq: 3, lastReadSeq: 0 });
    expect(await bob.call().message.markRead({ chatId, seq: 2 })).toMatchObject({ lastReadSeq: 2, lastDeliveredSeq: 3 });
    expect(await bob.call().message.markRead({ chatId, seq: 1 })).toMatchObject({ lastReadSeq: 2 });
    expect(await bob.call().message.markRead({ chatId, seq: 999 })).toMatchObject({ lastReadSeq: 3 });

    const receipts = sentTo(published, alice.user.id, "receipt:update");
    expect(receipts).toEqual([
      { chatId, userId: bob.user.id, lastReadSeq: 0, lastDeliveredSeq: 3 },
      { chatId, userId: bob.user.id, lastReadSeq: 2, lastDeliveredSeq: 3 },
      { chatId, userId: bob.user.id, lastReadSeq: 3, lastDeliveredSeq: 3 },
    ]);
    const members = (await alice.call().chat.get({ chatId })).members;
    expect(members.find((member) => member.id === bob.user.id)).toMatchObject({ lastReadSeq: 3, lastDeliveredSeq: 3 });
  });

  it("a non-member's delivery mark is refused as NOT_FOUND and moves nothing", async () => {
    const { alice, chatId } = await directChat();
    const outsider = await registerUser();
    await alice.call().message.send({ chatId, clientId: randomUUID(), content: "x" });
    published.length = 0;
    await expect(markDelivered(outsider.user.id, chatId, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(published).toEqual([]);
  });

  it("reading marks delivered too (a read message has certainly arrived)", async () => {
    const { alice, bob, chatId } = await directChat();
    await alice.call().message.send({ chatId, clientId: randomUUID(), content: "x" });
    expect(await bob.call().message.markRead({ chatId, seq: 1 })).toEqual({ chatId, userId: bob.user.id, lastReadSeq: 1, lastDeliveredSeq: 1 });
  });
});
