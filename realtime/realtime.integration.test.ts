// One sidecar in this process (no Redis): the handshake, live delivery, typing, delivery marks,
// presence, and what a non-member's socket events get.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signRealtimeToken } from "~/server/auth/tokens";
import { collect, connected, connectSocket, waitUntil, type TestSocket } from "../test/sockets";
import { inProcessSidecar } from "../test/in-process-sidecar";
import { registerUser } from "../test/trpc";

const secret = process.env.AUTH_SECRET!;
const sidecar = inProcessSidecar();
const online = sidecar.online;

function refusal(socket: TestSocket) {
  sidecar.track(socket);
  return connected(socket).then(
    () => "connected",
    (error: { code?: string }) => error.code,
  );
}

describe("handshake", () => {
  it("refuses forged, expired, outdated and signed-out connections with a code the client acts on", async () => {
    const alice = await registerUser();
    const { token } = await alice.call().realtime.token();
    expect(await refusal(connectSocket(sidecar.url, token.slice(0, -4) + "AAAA"))).toBe("TOKEN_INVALID");
    expect(await refusal(connectSocket(sidecar.url, await signRealtimeToken("another-secret-another-secret-another", { userId: alice.user.id, sessionId: randomUUID() })))).toBe("TOKEN_INVALID");
    expect(await refusal(connectSocket(sidecar.url, token, { protocol: 0 }))).toBe("PROTOCOL_MISMATCH");

    // An access token is not a socket token.
    const access = alice.jar.get("bm_at")!;
    expect(await refusal(connectSocket(sidecar.url, access))).toBe("TOKEN_INVALID");

    const { SignJWT } = await import("jose");
    const expired = await new SignJWT({ sid: randomUUID() })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(alice.user.id)
      .setIssuer("brainmessenger")
      .setAudience("realtime")
      .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 300)
      .sign(new TextEncoder().encode(secret));
    expect(await refusal(connectSocket(sidecar.url, expired))).toBe("TOKEN_EXPIRED");

    await alice.call().auth.signOut();
    expect(await refusal(connectSocket(sidecar.url, token))).toBe("SESSION_ENDED");
  });

  it("a signed-out browser cannot get a socket token", async () => {
    const alice = await registerUser();
    await alice.call().auth.signOut();
    await expect(alice.call().realtime.token()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("live events", () => {
  it("every tab of every member gets a message exactly once; outsiders get nothing", async () => {
    const [alice, bob, eve] = await Promise.all([registerUser(), registerUser(), registerUser()]);
    const { chatId } = await alice.call().chat.openDirect({ userId: bob.user.id });
    const [aliceTab, bobTab1, bobTab2, eveTab] = await Promise.all([online(alice), online(bob), online(bob), online(eve)]);
    const seen = [aliceTab, bobTab1, bobTab2, eveTab].map((socket) => collect(socket, "message:new"));

    const { message } = await alice.call().message.send({ chatId, clientId: randomUUID(), content: "hello" });
    await waitUntil(() => seen[1]!.length > 0 && seen[2]!.length > 0 && seen[0]!.length > 0, 5_000, "delivery");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen.map((list) => list.length)).toEqual([1, 1, 1, 0]);
    expect(seen[1]![0]).toEqual(message);
  });

  it("typing reaches the other members (not the typist, not outsiders) and a non-member is refused", async () => {
    const [alice, bob, eve] = await Promise.all([registerUser(), registerUser(), registerUser()]);
    const { chatId } = await alice.call().chat.openDirect({ userId: bob.user.id });
    const [aliceTab, bobTab, eveTab] = await Promise.all([online(alice), online(bob), online(eve)]);
    const bobSees = collect(bobTab, "typing:update");
    const aliceSees = collect(aliceTab, "typing:update");
    const eveSees = collect(eveTab, "typing:update");

    expect(await aliceTab.emitWithAck("typing:start", { chatId })).toEqual({ ok: true });
    await waitUntil(() => bobSees.length === 1, 5_000, "typing");
    expect(bobSees[0]).toEqual({ chatId, userId: alice.user.id, typing: true });
    await aliceTab.emitWithAck("typing:stop", { chatId });
    await waitUntil(() => bobSees.length === 2, 5_000, "typing stop");
    expect(bobSees[1]).toMatchObject({ typing: false });

    expect(await eveTab.emitWithAck("typing:start", { chatId })).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await eveTab.emitWithAck("typing:start", { chatId: "not-an-id" })).toEqual({ ok: false, code: "BAD_REQUEST" });
    expect(aliceSees).toEqual([]);
    expect(eveSees).toEqual([]);
  });

  it("a device's delivery mark reaches the sender as ✓✓ delivered; a non-member's mark is refused", async () => {
    const [alice, bob, eve] = await Promise.all([registerUser(), registerUser(), registerUser()]);
    const { chatId } = await alice.call().chat.openDirect({ userId: bob.user.id });
    const [aliceTab, bobTab, eveTab] = await Promise.all([online(alice), online(bob), online(eve)]);
    const receipts = collect(aliceTab, "receipt:update");
    const { message } = await alice.call().message.send({ chatId, clientId: randomUUID(), content: "ping" });

    expect(await bobTab.emitWithAck("message:delivered", { chatId, seq: message.seq })).toEqual({ ok: true });
    await waitUntil(() => receipts.length === 1, 5_000, "receipt");
    expect(receipts[0]).toEqual({ chatId, userId: bob.user.id, lastReadSeq: 0, lastDeliveredSeq: message.seq });
    expect(await eveTab.emitWithAck("message:delivered", { chatId, seq: 1 })).toEqual({ ok: false, code: "NOT_FOUND" });
  });

  it("presence: chat partners see online and last seen; strangers learn nothing", async () => {
    const [alice, bob, eve] = await Promise.all([registerUser(), registerUser(), registerUser()]);
    await alice.call().chat.openDirect({ userId: bob.user.id });
    const aliceTab = await online(alice);
    const updates = collect(aliceTab, "presence:update");

    const bobTab = await online(bob);
    await waitUntil(() => updates.some((update) => update.userId === bob.user.id && update.online), 5_000, "online");
    const answer = await aliceTab.emitWithAck("presence:query", { userIds: [bob.user.id, eve.user.id] });
    expect(answer).toMatchObject({ ok: true, data: [{ userId: bob.user.id, online: true }] });

    // A second tab closing doesn't make Bob offline; the last one does, with a last-seen time.
    const bobTab2 = await online(bob);
    bobTab2.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(updates.filter((update) => !update.online)).toEqual([]);
    bobTab.close();
    await waitUntil(() => updates.some((update) => update.userId === bob.user.id && !update.online), 5_000, "offline");
    expect(updates.at(-1)?.lastSeenAt).toBeTruthy();

    const eveTab = await online(eve);
    expect(await eveTab.emitWithAck("presence:query", { userIds: [alice.user.id] })).toEqual({ ok: true, data: [] });
  });

  it("presence follows friendships, blocks and the last-seen setting", async () => {
    const [anna, friend, blocked, stranger] = await Promise.all([registerUser(), registerUser(), registerUser(), registerUser()]);
    await friend.call().friend.request({ userId: anna.user.id });
    await anna.call().friend.accept({ userId: friend.user.id });
    await blocked.call().chat.openDirect({ userId: anna.user.id });
    await anna.call().people.block({ userId: blocked.user.id });

    const [friendTab, blockedTab, strangerTab] = await Promise.all([online(friend), online(blocked), online(stranger)]);
    const friendSees = collect(friendTab, "presence:update");
    const blockedSees = collect(blockedTab, "presence:update");
    const annaTab = await online(anna);
    await waitUntil(() => friendSees.some((update) => update.userId === anna.user.id && update.online), 5_000, "friend sees anna");

    const ask = (socket: TestSocket) => socket.emitWithAck("presence:query", { userIds: [anna.user.id] });
    expect(await ask(friendTab)).toMatchObject({ ok: true, data: [{ userId: anna.user.id, online: true }] });
    expect(await ask(blockedTab)).toEqual({ ok: true, data: [] });
    expect(await ask(strangerTab)).toEqual({ ok: true, data: [] });

    await anna.call().account.updatePrivacy({ lastSeenVisibility: "NOBODY" });
    expect(await ask(friendTab)).toEqual({ ok: true, data: [] });
    annaTab.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(friendSees.filter((update) => !update.online)).toEqual([]);
    expect(blockedSees).toEqual([]);
  });
});
