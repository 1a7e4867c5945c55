// Identical changes sent at once (a double click, a retry racing its original): every copy answers
// like the first, and the change is written, announced in the chat and published once.
import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { recordPublishedPerTest, sentTo } from "../../../test/publisher";
import { registerUser } from "../../../test/trpc";

const published = recordPublishedPerTest();

/** Runs `call` three times at once; every copy must fulfil. */
async function thrice<T>(call: () => Promise<T>): Promise<T[]> {
  const results = await Promise.allSettled([call(), call(), call()]);
  const failures = results.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []));
  expect(failures).toEqual([]);
  return results.map((result) => (result as PromiseFulfilledResult<T>).value);
}

const events = (userId: string, event: Parameters<typeof sentTo>[2]) => sentTo(published, userId, event).length;

async function systemMessages(chatId: string, type: string) {
  const rows = await db.message.findMany({ where: { chatId, kind: "SYSTEM" } });
  return rows.filter((row) => (row.systemData as { type?: string } | null)?.type === type);
}

async function group(memberCount: number) {
  const owner = await registerUser();
  const members = await Promise.all(Array.from({ length: memberCount }, () => registerUser()));
  const { chatId } = await owner.call().chat.createGroup({ title: "Race club", memberIds: members.map((member) => member.user.id) });
  published.length = 0;
  return { owner, members, chatId };
}

async function friends() {
  const [alice, bob] = await Promise.all([registerUser(), registerUser()]);
  await alice.call().friend.request({ userId: bob.user.id });
  await bob.call().friend.request({ userId: alice.user.id });
  published.length = 0;
  return { alice, bob };
}

describe("people", () => {
  it("people.block ×3: one block row, the friendship ended, announced once", async () => {
    const { alice, bob } = await friends();
    await thrice(() => alice.call().people.block({ userId: bob.user.id }));
    expect(await db.userBlock.count({ where: { blockerId: alice.user.id, blockedId: bob.user.id } })).toBe(1);
    expect(await db.friendship.count({ where: { OR: [{ userLowId: alice.user.id }, { userHighId: alice.user.id }] } })).toBe(0);
    expect(events(bob.user.id, "friends:updated")).toBe(1);
  });

  it("people.unblock ×3: all fulfil, announced once", async () => {
    const [alice, bob] = await Promise.all([registerUser(), registerUser()]);
    await alice.call().people.block({ userId: bob.user.id });
    published.length = 0;
    await thrice(() => alice.call().people.unblock({ userId: bob.user.id }));
    expect(await db.userBlock.count({ where: { blockerId: alice.user.id } })).toBe(0);
    expect(events(bob.user.id, "friends:updated")).toBe(1);
  });

  it("friend.remove ×3: all fulfil, the friendship is gone, announced once", async () => {
    const { alice, bob } = await friends();
    await thrice(() => alice.call().friend.remove({ userId: bob.user.id }));
    expect(await db.friendship.count({ where: { OR: [{ userLowId: alice.user.id }, { userHighId: alice.user.id }] } })).toBe(0);
    expect(events(bob.user.id, "friends:updated")).toBe(1);
    // A later repeat answers the same and publishes nothing.
    await alice.call().friend.remove({ userId: bob.user.id });
    expect(events(bob.user.id, "friends:updated")).toBe(1);
  });

  it("friend.cancel ×3: all fulfil, the request is gone, announced once", async () => {
    const [alice, bob] = await Promise.all([registerUser(), registerUser()]);
    await alice.call().friend.request({ userId: bob.user.id });
    published.length = 0;
    await thrice(() => alice.call().friend.cancel({ userId: bob.user.id }));
    expect(await db.friendship.count({ where: { OR: [{ userLowId: alice.user.id }, { userHighId: alice.user.id }] } })).toBe(0);
    expect(events(bob.user.id, "friends:updated")).toBe(1);
  });

  it("friend.accept ×3 and friend.decline ×3: all fulfil, written and announced once", async () => {
    const [alice, bob, carol] = await Promise.all([registerUser(), registerUser(), registerUser()]);
    await alice.call().friend.request({ userId: bob.user.id });
    await carol.call().friend.request({ userId: bob.user.id });
    published.length = 0;
    await thrice(() => bob.call().friend.accept({ userId: alice.user.id }));
    await thrice(() => bob.call().friend.decline({ userId: carol.user.id }));
    const rows = await db.friendship.findMany({ where: { OR: [{ userLowId: bob.user.id }, { userHighId: bob.user.id }] } });
    expect(rows.map((row) => row.status).sort()).toEqual(["ACCEPTED", "REJECTED"]);
    expect(events(alice.user.id, "friends:updated")).toBe(1);
    expect(events(carol.user.id, "friends:updated")).toBe(1);
  });

  it("friend.request ×3: one pending request", async () => {
    const [alice, bob] = await Promise.all([registerUser(), registerUser()]);
    const states = await thrice(() => alice.call().friend.request({ userId: bob.user.id }));
    expect(new Set(states.map((state) => JSON.stringify(state))).size).toBe(1);
    expect(await db.friendship.count({ where: { OR: [{ userLowId: alice.user.id }, { userHighId: alice.user.id }] } })).toBe(1);
  });
});

describe("groups", () => {
  it("chat.member.add ×3: the person is added once, with one system message and one message:new", async () => {
    const { owner, members, chatId } = await group(1);
    const newcomer = await registerUser();
    await thrice(() => owner.call().chat.member.add({ chatId, userIds: [newcomer.user.id] }));
    expect(await db.chatMember.count({ where: { chatId, userId: newcomer.user.id } })).toBe(1);
    expect(await systemMessages(chatId, "member_added")).toHaveLength(1);
    expect(events(members[0]!.user.id, "message:new")).toBe(1);
  });

  it("chat.member.setRole ×3: one role change, one system message", async () => {
    const { owner, members, chatId } = await group(1);
    const target = members[0]!.user.id;
    await thrice(() => owner.call().chat.member.setRole({ chatId, userId: target, role: "ADMIN" }));
    expect(await db.chatMember.findUniqueOrThrow({ where: { chatId_userId: { chatId, userId: target } } })).toMatchObject({ role: "ADMIN" });
    expect(await systemMessages(chatId, "role_changed")).toHaveLength(1);
    expect(events(target, "message:new")).toBe(1);
  });

  it("chat.member.remove ×3: all fulfil, one system message, the removed person told once", async () => {
    const { owner, members, chatId } = await group(2);
    const target = members[0]!.user.id;
    await thrice(() => owner.call().chat.member.remove({ chatId, userId: target }));
    expect(await db.chatMember.count({ where: { chatId, userId: target } })).toBe(0);
    expect(await systemMessages(chatId, "member_removed")).toHaveLength(1);
    expect(events(target, "chat:removed")).toBe(1);
    expect(events(members[1]!.user.id, "message:new")).toBe(1);
    await owner.call().chat.member.remove({ chatId, userId: target });
    expect(await systemMessages(chatId, "member_removed")).toHaveLength(1);
  });

  it("chat.leave ×3 by a member: all fulfil, one system message", async () => {
    const { members, chatId } = await group(2);
    const leaver = members[0]!;
    await thrice(() => leaver.call().chat.leave({ chatId }));
    expect(await db.chatMember.count({ where: { chatId, userId: leaver.user.id } })).toBe(0);
    expect(await systemMessages(chatId, "member_left")).toHaveLength(1);
    expect(events(leaver.user.id, "chat:removed")).toBe(1);
    // A later repeat by the one who left answers the same; a removed member is still refused.
    await leaver.call().chat.leave({ chatId });
    expect(await systemMessages(chatId, "member_left")).toHaveLength(1);
  });

  it("chat.leave by someone who was removed (not left) stays NOT_FOUND", async () => {
    const { owner, members, chatId } = await group(1);
    await owner.call().chat.member.remove({ chatId, userId: members[0]!.user.id });
    await expect(members[0]!.call().chat.leave({ chatId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("chat.leave ×3 by the owner: the group is handed on once", async () => {
    const { owner, members, chatId } = await group(2);
    await thrice(() => owner.call().chat.leave({ chatId }));
    expect(await systemMessages(chatId, "member_left")).toHaveLength(1);
    expect(await systemMessages(chatId, "owner_changed")).toHaveLength(1);
    const roles = await db.chatMember.findMany({ where: { chatId }, orderBy: { joinedAt: "asc" } });
    expect(roles.map((row) => row.role).sort()).toEqual(["MEMBER", "OWNER"]);
    expect(roles.every((row) => members.some((member) => member.user.id === row.userId))).toBe(true);
  });
});
