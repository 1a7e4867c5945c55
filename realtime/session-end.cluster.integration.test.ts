// Every way a session ends disconnects its sockets on every node at once: two sidecar processes
// behind one Redis, a socket of the same session on each; the app (this process) ends the session
// and both sockets must be gone within a second and receive nothing after.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { endUserSessions } from "~/server/services/account/sessions";
import { useEnvironmentLinks } from "../test/environment-links";
import { sidecarProcesses } from "../test/sidecar-processes";
import type { SidecarProcess } from "../test/sidecar-process";
import { collect, connected, connectSocket, waitUntil, type TestSocket } from "../test/sockets";
import { directChatPair, newClient, registerUser } from "../test/trpc";

const redisUrl = process.env.REDIS_URL;
const nodes = sidecarProcesses();
const socketOn = nodes.online;

describe.skipIf(!redisUrl)("ending a session with a socket on each of two nodes", () => {
  let nodeA: SidecarProcess;
  let nodeB: SidecarProcess;
  beforeAll(async () => {
    useEnvironmentLinks();
    [nodeA, nodeB] = await Promise.all([nodes.start({ REDIS_URL: redisUrl }), nodes.start({ REDIS_URL: redisUrl })]);
  }, 60_000);

  /** Bob with a socket of one session on each node, Alice (a chat partner) online on node B. */
  async function setUp() {
    const { alice, bob, chatId } = await directChatPair();
    const bobSockets = [await socketOn(bob, nodeA), await socketOn(bob, nodeB)];
    const aliceSocket = await socketOn(alice, nodeB);
    const bobGets = bobSockets.map((socket) => collect(socket, "message:new"));
    const aliceGets = collect(aliceSocket, "message:new");
    /** Sends a message and waits until Alice's own socket has it: by then Bob's would have it too. */
    const sendAndSettle = async () => {
      const before = aliceGets.length;
      await alice.call().message.send({ chatId, clientId: randomUUID(), content: "after" });
      await waitUntil(() => aliceGets.length > before, 5_000, "alice's own copy");
    };
    return { alice, bob, chatId, bobSockets, bobGets, sendAndSettle };
  }

  async function expectGone(bobSockets: TestSocket[], bobGets: unknown[][], sendAndSettle: () => Promise<void>) {
    const ended = Date.now();
    await waitUntil(() => bobSockets.every((socket) => !socket.connected), 1_000, "both sockets disconnected");
    expect(Date.now() - ended).toBeLessThan(1_000);
    await sendAndSettle();
    expect(bobGets.map((list) => list.length)).toEqual([0, 0]);
  }

  it("a socket token opens one connection, on any node", async () => {
    const carol = await registerUser();
    const { token } = await carol.call().realtime.token();
    await connected(nodes.track(connectSocket(nodeA.url, token)));
    const again = nodes.track(connectSocket(nodeB.url, token));
    await expect(connected(again)).rejects.toMatchObject({ code: "TOKEN_INVALID" });
  });

  it("sign-out", async () => {
    const { bob, bobSockets, bobGets, sendAndSettle } = await setUp();
    await sendAndSettle();
    expect(bobGets.map((list) => list.length)).toEqual([1, 1]);
    bobGets.forEach((list) => list.splice(0));
    await bob.call().auth.signOut();
    await expectGone(bobSockets, bobGets, sendAndSettle);
  });

  it("a password change from another device ends this device's sockets, not the changer's", async () => {
    const { bob, bobSockets, bobGets, sendAndSettle } = await setUp();
    const phone = newClient();
    await phone.call().auth.signIn({ login: bob.input.username, password: bob.input.password });
    const phoneSocket = await socketOn(phone, nodeA);
    const phoneGets = collect(phoneSocket, "message:new");
    await phone.call().account.changePassword({ currentPassword: bob.input.password, newPassword: `New-${randomUUID()}` });
    await expectGone(bobSockets, bobGets, sendAndSettle);
    expect(phoneSocket.connected).toBe(true);
    await waitUntil(() => phoneGets.length === 1, 5_000, "the changer's device still live");
  });

  it("account deletion", async () => {
    const { bob, bobSockets, bobGets, sendAndSettle } = await setUp();
    await bob.call().account.deleteAccount({ password: bob.input.password });
    await expectGone(bobSockets, bobGets, sendAndSettle);
  });

  it("a ban through endUserSessions", async () => {
    const { bob, bobSockets, bobGets, sendAndSettle } = await setUp();
    await db.user.update({ where: { id: bob.user.id }, data: { banned: true, bannedAt: new Date() } });
    await endUserSessions(bob.user.id);
    await expectGone(bobSockets, bobGets, sendAndSettle);
    expect(await db.session.count({ where: { userId: bob.user.id } })).toBe(0);
  });
});
