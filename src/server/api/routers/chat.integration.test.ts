import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { recordPublishedPerTest, sentTo } from "../../../../test/publisher";
import { expectTRPCError, registerUser } from "../../../../test/trpc";

const published = recordPublishedPerTest();

async function people(count: number) {
  return Promise.all(Array.from({ length: count }, () => registerUser()));
}

describe("direct chats", () => {
  it("at most one per pair: opening again, from either side, returns the same chat", async () => {
    const [alice, bob] = await people(2);
    const first = await alice!.call().chat.openDirect({ userId: bob!.user.id });
    const again = await alice!.call().chat.openDirect({ userId: bob!.user.id });
    const fromBob = await bob!.call().chat.openDirect({ userId: alice!.user.id });
    expect(first.created).toBe(true);
    expect(again).toEqual({ chatId: first.chatId, created: false });
    expect(fromBob.chatId).toBe(first.chatId);
    expect(sentTo(published, bob!.user.id, "chat:updated")).toEqual([{ chatId: first.chatId }]);
  });

  it("both opening at the same moment still makes one chat", async () => {
    const [alice, bob] = await people(2);
    const results = await Promise.all([
      alice!.call().chat.openDirect({ userId: bob!.user.id }),
      bob!.call().chat.openDirect({ userId: alice!.user.id }),
      alice!.call().chat.openDirect({ userId: bob!.user.id }),
    ]);
    expect(new Set(results.map((result) => result.chatId)).size).toBe(1);
    expect(await db.chat.count({ where: { id: results[0].chatId } })).toBe(1);
  });

  it("refuses oneself, unknown and deleted people", async () => {
    const [alice, bob] = await people(2);
    await expectTRPCError(alice!.call().chat.openDirect({ userId: alice!.user.id }), "BAD_REQUEST");
    await expectTRPCError(alice!.call().chat.openDirect({ userId: randomUUID() }), "NOT_FOUND");
    await bob!.call().account.deleteAccount({ password: bob!.input.password });
    await expectTRPCError(alice!.call().chat.openDirect({ userId: bob!.user.id }), "NOT_FOUND");
  });

  it("cannot be left", async () => {
    const [alice, bob] = await people(2);
    const { chatId } = await alice!.call().chat.openDirect({ userId: bob!.user.id });
    const { shape } = await expectTRPCError(alice!.call().chat.leave({ chatId }), "BAD_REQUEST");
    expect(shape.data.appCode).toBe("CANNOT_LEAVE_DIRECT");
  });
});

describe("groups", () => {
  it("the creator owns it; a system message records the creation; everyone is told", async () => {
    const [owner, a, b] = await people(3);
    const { chatId } = await owner!.call().chat.createGroup({ title: "  Книжный клуб ", memberIds: [a!.user.id, b!.user.id, a!.user.id] });
    const chat = await a!.call().chat.get({ chatId });
    expect(chat.title).toBe("Книжный клуб");
    const roles = Object.fromEntries(chat.members.map((member) => [member.id, member.role]));
    expect(roles).toEqual({ [owner!.user.id]: "OWNER", [a!.user.id]: "MEMBER", [b!.user.id]: "MEMBER" });
    const history = await b!.call().message.history({ chatId });
    expect(history.messages).toMatchObject([{ seq: 1, kind: "SYSTEM", senderId: null, system: { type: "created", actorId: owner!.user.id, title: "Книжный клуб" } }]);
    for (const person of [owner!, a!, b!]) expect(sentTo(published, person.user.id, "chat:updated")).toContainEqual({ chatId });
  });

  it("validates the title (1–100 characters)", async () => {
    const [owner] = await people(1);
    await expectTRPCError(owner!.call().chat.createGroup({ title: "   " }), "BAD_REQUEST");
    await expectTRPCError(owner!.call().chat.createGroup({ title: "x".repeat(101) }), "BAD_REQUEST");
  });

  it("owners and admins manage it; members cannot; every change is a system message seen live", async () => {
    const [owner, admin, member, newcomer] = await people(4);
    const { chatId } = await owner!.call().chat.createGroup({ title: "Team", memberIds: [admin!.user.id, member!.user.id] });
    await owner!.call().chat.member.setRole({ chatId, userId: admin!.user.id, role: "ADMIN" });

    const denied = await expectTRPCError(member!.call().chat.rename({ chatId, title: "Mine" }), "FORBIDDEN");
    expect(denied.shape.data.appCode).toBe("CHAT_ADMIN_REQUIRED");
    await expectTRPCError(member!.call().chat.member.add({ chatId, userIds: [newcomer!.user.id] }), "FORBIDDEN");
    await expectTRPCError(admin!.call().chat.member.setRole({ chatId, userId: member!.user.id, role: "ADMIN" }), "FORBIDDEN");

    published.length = 0;
    await admin!.call().chat.rename({ chatId, title: "Team 2" });
    await admin!.call().chat.member.add({ chatId, userIds: [newcomer!.user.id] });
    expect((await newcomer!.call().chat.get({ chatId })).title).toBe("Team 2");
    const live = sentTo(published, member!.user.id, "message:new") as Array<{ system: { type: string } }>;
    expect(live.map((message) => message.system.type)).toEqual(["renamed", "member_added"]);
    expect(sentTo(published, newcomer!.user.id, "chat:updated")).toContainEqual({ chatId });

    // An admin removes members but not other admins or the owner; the owner removes admins.
    await expectTRPCError(admin!.call().chat.member.remove({ chatId, userId: owner!.user.id }), "FORBIDDEN");
    await admin!.call().chat.member.remove({ chatId, userId: member!.user.id });
    await owner!.call().chat.member.setRole({ chatId, userId: newcomer!.user.id, role: "ADMIN" });
    await expectTRPCError(admin!.call().chat.member.remove({ chatId, userId: newcomer!.user.id }), "FORBIDDEN");
    await owner!.call().chat.member.remove({ chatId, userId: newcomer!.user.id });
    expect(sentTo(published, member!.user.id, "chat:removed")).toEqual([{ chatId }]);

    // Removed people see nothing of the chat any more.
    await expectTRPCError(member!.call().chat.get({ chatId }), "NOT_FOUND");
    await expectTRPCError(member!.call().message.history({ chatId }), "NOT_FOUND");
    const timeline = await owner!.call().message.history({ chatId });
    expect(timeline.messages.map((message) => message.system?.type)).toEqual([
      "created",
      "role_changed",
      "renamed",
      "member_added",
      "member_removed",
      "role_changed",
      "member_removed",
    ]);
  });

  it("the last owner leaving hands the group to an admin, else to the longest-standing member", async () => {
    const [owner, first, second] = await people(3);
    const { chatId } = await owner!.call().chat.createGroup({ title: "Heirs", memberIds: [first!.user.id, second!.user.id] });
    await owner!.call().chat.member.setRole({ chatId, userId: second!.user.id, role: "ADMIN" });
    await owner!.call().chat.leave({ chatId });
    let chat = await first!.call().chat.get({ chatId });
    expect(chat.members.find((member) => member.id === second!.user.id)?.role).toBe("OWNER");
    expect(chat.members.some((member) => member.id === owner!.user.id)).toBe(false);

    await second!.call().chat.leave({ chatId });
    chat = await first!.call().chat.get({ chatId });
    expect(chat.members).toMatchObject([{ id: first!.user.id, role: "OWNER" }]);
    const types = (await first!.call().message.history({ chatId })).messages.map((message) => message.system?.type);
    expect(types.slice(-4)).toEqual(["member_left", "owner_changed", "member_left", "owner_changed"]);
  });
});

describe("chat list", () => {
  it("orders by last message, shows the other person for direct chats, a preview and unread counts", async () => {
    const [alice, bob, carol] = await people(3);
    const withBob = await alice!.call().chat.openDirect({ userId: bob!.user.id });
    const group = await carol!.call().chat.createGroup({ title: "Trio", memberIds: [alice!.user.id, bob!.user.id] });
    await bob!.call().message.send({ chatId: withBob.chatId, clientId: randomUUID(), content: "first" });
    await bob!.call().message.send({ chatId: withBob.chatId, clientId: randomUUID(), content: "second" });

    let list = await alice!.call().chat.list();
    expect(list.map((chat) => chat.id)).toEqual([withBob.chatId, group.chatId]);
    expect(list[0]).toMatchObject({ type: "DIRECT", peer: { id: bob!.user.id, displayName: bob!.input.displayName }, unread: 2, lastMessage: { content: "second" } });
    expect(list[1]).toMatchObject({ type: "GROUP", title: "Trio", memberCount: 3, unread: 1 });

    await carol!.call().message.send({ chatId: group.chatId, clientId: randomUUID(), content: "news" });
    list = await alice!.call().chat.list();
    expect(list.map((chat) => chat.id)).toEqual([group.chatId, withBob.chatId]);

    await alice!.call().message.markRead({ chatId: withBob.chatId, seq: 2 });
    list = await alice!.call().chat.list();
    expect(list.find((chat) => chat.id === withBob.chatId)?.unread).toBe(0);
    // One's own messages are never unread.
    expect((await bob!.call().chat.list()).find((chat) => chat.id === withBob.chatId)?.unread).toBe(0);
  });

  it("shows a deleted account as deleted, and its messages stay", async () => {
    const [alice, bob] = await people(2);
    const { chatId } = await alice!.call().chat.openDirect({ userId: bob!.user.id });
    await bob!.call().message.send({ chatId, clientId: randomUUID(), content: "bye" });
    await bob!.call().account.deleteAccount({ password: bob!.input.password });
    const [chat] = await alice!.call().chat.list();
    expect(chat!.peer).toMatchObject({ id: bob!.user.id, deleted: true, displayName: null, username: null });
    expect((await alice!.call().message.history({ chatId })).messages.map((message) => message.content)).toEqual(["bye"]);
  });
});
