// Per-user abuse limits (src/server/limits.ts): each answers TOO_MANY_REQUESTS with retryAfter.
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

// Small limits so the tests stay fast (src/env.ts reads them at import).
vi.hoisted(() => {
  process.env.LIMIT_MESSAGES_PER_SECOND = "0.5";
  process.env.LIMIT_MESSAGES_BURST = "10";
  process.env.LIMIT_SEARCHES_PER_MINUTE = "3";
  process.env.LIMIT_FRIEND_REQUESTS_PER_MINUTE = "2";
  process.env.LIMIT_GROUPS_PER_MINUTE = "2";
  process.env.LIMIT_MEMBER_ADDS_PER_MINUTE = "2";
  process.env.LIMIT_PASSWORD_CHECKS_PER_15_MINUTES = "3";
});

import { db } from "~/server/db";
import { recordPublished } from "../../../../test/publisher";
import { expectTRPCError, registerUser } from "../../../../test/trpc";

const RETRY_MESSAGE = /^Too many \w+\. Try again in (\d+) s\.$/;

async function expectLimited(promise: Promise<unknown>) {
  const { error, shape } = await expectTRPCError(promise, "TOO_MANY_REQUESTS");
  expect(shape.data.appCode).toBe("RATE_LIMITED");
  expect(shape.data.retryAfter).toBeGreaterThanOrEqual(1);
  expect(error.message).toMatch(RETRY_MESSAGE);
  return shape.data.retryAfter as number;
}

async function directChat() {
  recordPublished();
  const [alice, bob] = await Promise.all([registerUser(), registerUser()]);
  const { chatId } = await alice.call().chat.openDirect({ userId: bob.user.id });
  return { alice, bob, chatId };
}

const text = (content: string) => ({ clientId: randomUUID(), content });

describe("message limit (token bucket: burst 10, one more every 2 s)", () => {
  it("accepts a burst, then TOO_MANY_REQUESTS with retryAfter, storing nothing more; the bucket refills", async () => {
    const { alice, chatId } = await directChat();
    const burst = Array.from({ length: 10 }, (_, i) => ({ chatId, ...text(`m${i}`) }));
    expect((await alice.call().message.sendBatch({ messages: burst })).every((result) => result.ok)).toBe(true);
    const retryAfter = await expectLimited(alice.call().message.send({ chatId, ...text("one too many") }));
    expect(await db.message.count({ where: { chatId } })).toBe(10);

    // A resend of a stored message is answered even with the bucket empty.
    const resent = await alice.call().message.send(burst[0]!);
    expect(resent).toMatchObject({ created: false, message: { seq: 1 } });

    // Refilled at 0.5/s: a new message goes through again after about retryAfter seconds.
    expect(retryAfter).toBeLessThanOrEqual(2);
    const later = { chatId, ...text("after the wait") };
    await vi.waitFor(() => alice.call().message.send(later), { timeout: 5000, interval: 100 });
    expect(await db.message.count({ where: { chatId } })).toBe(11);
  });

  it("resends of stored messages cost nothing", async () => {
    const { alice, chatId } = await directChat();
    const first = Array.from({ length: 5 }, (_, i) => ({ chatId, ...text(`a${i}`) }));
    for (const input of first) await alice.call().message.send(input);
    for (let round = 0; round < 2; round++) {
      for (const input of first) expect((await alice.call().message.send(input)).created).toBe(false);
      expect((await alice.call().message.sendBatch({ messages: first })).every((result) => result.ok && !result.created)).toBe(true);
    }
    // 5 of the 10 tokens spent, whatever the 20 resends: 5 more new ones fit at once.
    const more = Array.from({ length: 5 }, (_, i) => ({ chatId, ...text(`b${i}`) }));
    const results = await alice.call().message.sendBatch({ messages: more });
    expect(results.map((result) => result.ok)).toEqual([true, true, true, true, true]);
  });

  it("sendBatch takes what the bucket holds and answers RATE_LIMITED with retryAfter for the rest", async () => {
    const { alice, chatId } = await directChat();
    const messages = Array.from({ length: 12 }, (_, i) => ({ chatId, ...text(`m${i}`) }));
    const results = await alice.call().message.sendBatch({ messages });
    expect(results.slice(0, 10).every((result) => result.ok)).toBe(true);
    for (const result of results.slice(10)) {
      expect(result).toMatchObject({ ok: false, code: "RATE_LIMITED" });
      expect(result.ok ? 0 : result.retryAfter).toBeGreaterThanOrEqual(1);
    }
    expect(await db.message.count({ where: { chatId } })).toBe(10);
  });

  it("is per user: another sender is not held up", async () => {
    const { alice, bob, chatId } = await directChat();
    await alice.call().message.sendBatch({ messages: Array.from({ length: 10 }, (_, i) => ({ chatId, ...text(`m${i}`) })) });
    await expectLimited(alice.call().message.send({ chatId, ...text("no") }));
    expect((await bob.call().message.send({ chatId, ...text("yes") })).created).toBe(true);
  });
});

describe("per-minute limits", () => {
  it("people.search: 3 per minute", async () => {
    const { call } = await registerUser();
    for (let i = 0; i < 3; i++) await call().people.search({ query: "someone" });
    await expectLimited(call().people.search({ query: "someone" }));
  });

  it("friend.request: 2 per minute", async () => {
    const { call } = await registerUser();
    const others = await Promise.all([registerUser(), registerUser(), registerUser()]);
    await call().friend.request({ userId: others[0].user.id });
    await call().friend.request({ userId: others[1].user.id });
    await expectLimited(call().friend.request({ userId: others[2].user.id }));
  });

  it("chat.createGroup and chat.member.add: 2 per minute each", async () => {
    const { call } = await registerUser();
    const [a, b, c] = await Promise.all([registerUser(), registerUser(), registerUser()]);
    const { chatId } = await call().chat.createGroup({ title: "one" });
    await call().chat.createGroup({ title: "two" });
    await expectLimited(call().chat.createGroup({ title: "three" }));
    await call().chat.member.add({ chatId, userIds: [a.user.id] });
    await call().chat.member.add({ chatId, userIds: [b.user.id] });
    await expectLimited(call().chat.member.add({ chatId, userIds: [c.user.id] }));
  });

  it("password checks behind a session: 3 per 15 minutes across change-password and delete-account, then even the right one waits", async () => {
    const { call, input } = await registerUser();
    await expectTRPCError(call().account.changePassword({ currentPassword: "wrong-one", newPassword: "Another-Pw-123" }), "BAD_REQUEST");
    await expectTRPCError(call().account.changePassword({ currentPassword: "wrong-two", newPassword: "Another-Pw-123" }), "BAD_REQUEST");
    await expectTRPCError(call().account.deleteAccount({ password: "wrong-three" }));
    await expectLimited(call().account.changePassword({ currentPassword: input.password, newPassword: "Another-Pw-123" }));
    await expectLimited(call().account.deleteAccount({ password: input.password }));
  });
});
