import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { recordPublishedPerTest, sentTo } from "../../../../test/publisher";
import { expectTRPCError, registerUser } from "../../../../test/trpc";

const published = recordPublishedPerTest();

type Person = Awaited<ReturnType<typeof registerUser>>;
const pair = () => Promise.all([registerUser(), registerUser()]);
const ids = (list: Array<{ id: string }>) => list.map((person) => person.id);

async function lists(person: Person) {
  const { friends, incoming, outgoing } = await person.call().friend.list();
  return { friends: ids(friends), incoming: ids(incoming), outgoing: ids(outgoing) };
}

describe("friend requests", () => {
  it("request → the other sees it live → accept → both are friends", async () => {
    const [anna, boris] = await pair();
    expect(await anna.call().friend.request({ userId: boris.user.id })).toEqual({ userId: boris.user.id, state: "outgoing" });
    expect(await lists(anna)).toEqual({ friends: [], incoming: [], outgoing: [boris.user.id] });
    expect(await lists(boris)).toEqual({ friends: [], incoming: [anna.user.id], outgoing: [] });
    expect(sentTo(published, boris.user.id, "friends:updated")).toHaveLength(1);

    await boris.call().friend.accept({ userId: anna.user.id });
    expect((await lists(anna)).friends).toEqual([boris.user.id]);
    expect((await lists(boris)).friends).toEqual([anna.user.id]);
    expect(sentTo(published, anna.user.id, "friends:updated")).toHaveLength(2);
  });

  it("by nickname, in any case; unknown nicknames and oneself are refused", async () => {
    const [anna, boris] = await pair();
    expect((await anna.call().friend.request({ username: boris.input.username.toUpperCase() })).userId).toBe(boris.user.id);
    await expectTRPCError(anna.call().friend.request({ username: "nobody_has_this_name" }), "NOT_FOUND");
    await expectTRPCError(anna.call().friend.request({ userId: anna.user.id }), "BAD_REQUEST");
    await expectTRPCError(anna.call().friend.request({ userId: randomUUID() }), "NOT_FOUND");
  });

  it("requesting someone who already requested you accepts", async () => {
    const [anna, boris] = await pair();
    await anna.call().friend.request({ userId: boris.user.id });
    expect((await boris.call().friend.request({ userId: anna.user.id })).state).toBe("friends");
    expect((await lists(anna)).friends).toEqual([boris.user.id]);
  });

  it("concurrent mutual requests end as one accepted friendship", async () => {
    for (let round = 0; round < 5; round++) {
      const [anna, boris] = await pair();
      const results = await Promise.all([anna.call().friend.request({ userId: boris.user.id }), boris.call().friend.request({ userId: anna.user.id })]);
      expect(results.map((result) => result.state).sort()).toEqual(["friends", "outgoing"]);
      const rows = await db.friendship.findMany({ where: { OR: [{ userLowId: anna.user.id }, { userHighId: anna.user.id }] } });
      expect(rows).toHaveLength(1);
      expect(rows[0]!.status).toBe("ACCEPTED");
    }
  });

  it("asking twice is harmless; asking a friend changes nothing", async () => {
    const [anna, boris] = await pair();
    await anna.call().friend.request({ userId: boris.user.id });
    expect((await anna.call().friend.request({ userId: boris.user.id })).state).toBe("outgoing");
    await boris.call().friend.accept({ userId: anna.user.id });
    expect((await anna.call().friend.request({ userId: boris.user.id })).state).toBe("friends");
  });

  it("decline: the requester is not told, the decliner may ask later", async () => {
    const [anna, boris] = await pair();
    await anna.call().friend.request({ userId: boris.user.id });
    await boris.call().friend.decline({ userId: anna.user.id });
    expect(await lists(boris)).toEqual({ friends: [], incoming: [], outgoing: [] });
    expect((await anna.call().people.profile({ userId: boris.user.id })).relation.friend).toBe("outgoing");
    // Asking again after being declined stays pending; no new request reaches Boris.
    expect((await anna.call().friend.request({ userId: boris.user.id })).state).toBe("outgoing");
    expect((await lists(boris)).incoming).toEqual([]);
    // Boris changes his mind and asks: now Anna has a request.
    expect((await boris.call().friend.request({ userId: anna.user.id })).state).toBe("outgoing");
    expect((await lists(anna)).incoming).toEqual([boris.user.id]);
  });

  it("cancel a request; remove a friend; accepting or declining what isn't there is NOT_FOUND", async () => {
    const [anna, boris] = await pair();
    await expectTRPCError(anna.call().friend.accept({ userId: boris.user.id }), "NOT_FOUND");
    await anna.call().friend.request({ userId: boris.user.id });
    await expectTRPCError(anna.call().friend.accept({ userId: boris.user.id }), "NOT_FOUND");
    await expectTRPCError(boris.call().friend.cancel({ userId: anna.user.id }), "NOT_FOUND");
    await anna.call().friend.cancel({ userId: boris.user.id });
    expect((await lists(boris)).incoming).toEqual([]);

    await anna.call().friend.request({ userId: boris.user.id });
    await boris.call().friend.accept({ userId: anna.user.id });
    await expectTRPCError(anna.call().friend.cancel({ userId: boris.user.id }), "NOT_FOUND");
    await boris.call().friend.remove({ userId: anna.user.id });
    expect(await lists(anna)).toEqual({ friends: [], incoming: [], outgoing: [] });
    // Removing again is idempotent: already not friends, nothing to change, the same answer.
    await boris.call().friend.remove({ userId: anna.user.id });
    expect(await lists(anna)).toEqual({ friends: [], incoming: [], outgoing: [] });
  });
});

describe("blocking", () => {
  async function chatted() {
    const [anna, boris] = await pair();
    const { chatId } = await anna.call().chat.openDirect({ userId: boris.user.id });
    await anna.call().friend.request({ userId: boris.user.id });
    await boris.call().friend.accept({ userId: anna.user.id });
    await anna.call().message.send({ chatId, clientId: randomUUID(), content: "before" });
    return { anna, boris, chatId };
  }

  it("ends the friendship; the blocked person cannot message, request or add; the chat stays readable", async () => {
    const { anna, boris, chatId } = await chatted();
    await boris.call().people.block({ userId: anna.user.id });

    expect((await lists(anna)).friends).toEqual([]);
    const refused = await expectTRPCError(anna.call().message.send({ chatId, clientId: randomUUID(), content: "hey" }), "FORBIDDEN");
    expect(refused.shape.data.appCode).toBe("BLOCKED_BY_THEM");
    const own = await expectTRPCError(boris.call().message.send({ chatId, clientId: randomUUID(), content: "hey" }), "FORBIDDEN");
    expect(own.shape.data.appCode).toBe("BLOCKED_BY_YOU");
    expect((await expectTRPCError(anna.call().friend.request({ userId: boris.user.id }), "FORBIDDEN")).shape.data.appCode).toBe("BLOCKED_BY_THEM");
    await expectTRPCError(anna.call().chat.createGroup({ title: "Trap", memberIds: [boris.user.id] }), "FORBIDDEN");
    const { chatId: groupId } = await anna.call().chat.createGroup({ title: "Later" });
    await expectTRPCError(anna.call().chat.member.add({ chatId: groupId, userIds: [boris.user.id] }), "FORBIDDEN");

    // Readable, and marked closed for both, with who blocked whom.
    expect((await anna.call().message.history({ chatId })).messages.map((message) => message.content)).toEqual(["before"]);
    expect((await anna.call().chat.list()).find((chat) => chat.id === chatId)?.blocked).toEqual({ byMe: false, byThem: true });
    expect((await boris.call().chat.get({ chatId })).blocked).toEqual({ byMe: true, byThem: false });
    expect(sentTo(published, anna.user.id, "chat:updated")).toContainEqual({ chatId });

    // The blocked person no longer finds the blocker, nor sees their last seen.
    const found = await anna.call().people.search({ query: boris.input.username });
    expect(ids(found.people)).not.toContain(boris.user.id);
    expect((await anna.call().people.profile({ userId: boris.user.id })).lastSeenAt).toBeNull();
    expect((await boris.call().people.blocked()).map((person) => person.id)).toEqual([anna.user.id]);
  });

  it("unblocking restores nothing automatically but lets messages through again", async () => {
    const { anna, boris, chatId } = await chatted();
    await boris.call().people.block({ userId: anna.user.id });
    await boris.call().people.unblock({ userId: anna.user.id });
    expect((await lists(anna)).friends).toEqual([]);
    expect((await anna.call().message.send({ chatId, clientId: randomUUID(), content: "again" })).created).toBe(true);
    expect(await boris.call().people.blocked()).toEqual([]);
  });

  it("a new chat with a blocker cannot be started; blocking oneself or no one is refused", async () => {
    const [anna, boris] = await pair();
    await boris.call().people.block({ userId: anna.user.id });
    expect((await expectTRPCError(anna.call().chat.openDirect({ userId: boris.user.id }), "FORBIDDEN")).shape.data.appCode).toBe("BLOCKED_BY_THEM");
    expect((await expectTRPCError(boris.call().chat.openDirect({ userId: anna.user.id }), "FORBIDDEN")).shape.data.appCode).toBe("BLOCKED_BY_YOU");
    await expectTRPCError(anna.call().people.block({ userId: anna.user.id }), "BAD_REQUEST");
    await expectTRPCError(anna.call().people.block({ userId: randomUUID() }), "NOT_FOUND");
  });
});

describe("privacy settings", () => {
  it("messages from friends only: strangers cannot start a chat, friends can, existing chats stay open", async () => {
    const [anna, boris] = await pair();
    const carol = await registerUser();
    const { chatId } = await carol.call().chat.openDirect({ userId: boris.user.id });
    await boris.call().account.updatePrivacy({ messagePolicy: "FRIENDS" });
    expect((await expectTRPCError(anna.call().chat.openDirect({ userId: boris.user.id }), "FORBIDDEN")).shape.data.appCode).toBe("FRIENDS_ONLY");
    expect((await carol.call().chat.openDirect({ userId: boris.user.id })).chatId).toBe(chatId);
    await carol.call().message.send({ chatId, clientId: randomUUID(), content: "still here" });
    await anna.call().friend.request({ userId: boris.user.id });
    await boris.call().friend.accept({ userId: anna.user.id });
    expect((await anna.call().chat.openDirect({ userId: boris.user.id })).created).toBe(true);
  });

  it("group invitations from friends only", async () => {
    const [anna, boris] = await pair();
    await boris.call().account.updatePrivacy({ groupInvitePolicy: "FRIENDS" });
    expect((await expectTRPCError(anna.call().chat.createGroup({ title: "G", memberIds: [boris.user.id] }), "FORBIDDEN")).shape.data.appCode).toBe("FRIENDS_ONLY");
    await anna.call().friend.request({ userId: boris.user.id });
    await boris.call().friend.accept({ userId: anna.user.id });
    await anna.call().chat.createGroup({ title: "G", memberIds: [boris.user.id] });
  });

  it("last seen: everyone / friends / nobody", async () => {
    const [anna, boris] = await pair();
    const friend = await registerUser();
    await friend.call().friend.request({ userId: boris.user.id });
    await boris.call().friend.accept({ userId: friend.user.id });
    const seen = async (viewer: Person) => (await viewer.call().people.profile({ userId: boris.user.id })).lastSeenAt;
    const lastSeenAt = (await db.user.findUniqueOrThrow({ where: { id: boris.user.id } })).lastSeenAt!.toISOString();

    expect(await seen(anna)).toBe(lastSeenAt);
    await boris.call().account.updatePrivacy({ lastSeenVisibility: "FRIENDS" });
    expect(await seen(anna)).toBeNull();
    expect(await seen(friend)).toBe(lastSeenAt);
    await boris.call().account.updatePrivacy({ lastSeenVisibility: "NOBODY" });
    expect(await seen(friend)).toBeNull();
    expect(await seen(boris)).toBe(lastSeenAt);
    expect((await boris.call().account.me()).lastSeenVisibility).toBe("NOBODY");
  });
});
