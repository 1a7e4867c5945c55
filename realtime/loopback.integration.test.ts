// Without Redis: one sidecar process, and the app (this process) publishing and ending sessions
// through signed calls to its loopback-only port. Unsigned, forged, stale and replayed calls are
// refused, and the public port does not serve them.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { INTERNAL_DISCONNECT_PATH, loopbackEnder } from "~/server/realtime/disconnect";
import { postSigned, signInternalRequest } from "~/server/realtime/internal-signature";
import { INTERNAL_VIEW_STATES_PATH } from "~/server/realtime/view-state-reader";
import { INTERNAL_EMIT_PATH, loopbackPublisher } from "~/server/realtime/publish";
import { setPublisher } from "~/server/realtime/publisher";
import { setSocketEnder } from "~/server/realtime/socket-ender";
import { connectRealtime } from "~/client/connection";
import { PUBLISHED_EVENTS, SIDECAR_ONLY_EVENTS } from "~/shared/realtime/events";
import { userRoom } from "~/shared/realtime/rooms";
import { installBrowserShims } from "../test/browser-shims";
import { freePort, type SidecarProcess } from "../test/sidecar-process";
import { sidecarProcesses } from "../test/sidecar-processes";
import { collect, waitUntil } from "../test/sockets";
import { directChatPair, registerUser } from "../test/trpc";

const secret = process.env.AUTH_SECRET!;
const nodes = sidecarProcesses();
let node: SidecarProcess;
let internalUrl: string;

beforeAll(async () => {
  const internalPort = await freePort();
  node = await nodes.start({ REDIS_URL: "", REALTIME_INTERNAL_PORT: String(internalPort), AUTH_SECRET: secret });
  internalUrl = `http://127.0.0.1:${internalPort}`;
  setPublisher(loopbackPublisher(internalUrl, secret));
  setSocketEnder(loopbackEnder(internalUrl, secret));
}, 60_000);
const online = (person: Awaited<ReturnType<typeof registerUser>>) => nodes.online(person, node);

describe("the loopback publish port", () => {
  const body = JSON.stringify({ rooms: [userRoom(randomUUID())], event: "chat:updated", args: [{ chatId: randomUUID() }] });
  const post = (base: string, headers: Record<string, string>, payload = body, path = INTERNAL_EMIT_PATH) =>
    fetch(new URL(path, base), { method: "POST", headers: { "content-type": "application/json", ...headers }, body: payload }).then((res) => res.status);

  it("refuses unsigned, wrongly signed, stale and replayed requests", async () => {
    expect(await post(internalUrl, {})).toBe(401);
    // The old fixed bearer is no key any more.
    expect(await post(internalUrl, { authorization: "Bearer anything" })).toBe(401);
    expect(await post(internalUrl, signInternalRequest("another-secret-another-secret-another", INTERNAL_EMIT_PATH, body))).toBe(401);
    // Signed for another body or another path.
    expect(await post(internalUrl, signInternalRequest(secret, INTERNAL_EMIT_PATH, `${body} `))).toBe(401);
    expect(await post(internalUrl, signInternalRequest(secret, INTERNAL_DISCONNECT_PATH, body))).toBe(401);
    expect(await post(internalUrl, signInternalRequest(secret, INTERNAL_EMIT_PATH, body, Date.now() - 60_000))).toBe(401);

    const signed = signInternalRequest(secret, INTERNAL_EMIT_PATH, body);
    expect(await post(internalUrl, signed)).toBe(200);
    expect(await post(internalUrl, signed)).toBe(401);
  });

  it("accepts two identical requests made in the same millisecond (each has its own nonce)", async () => {
    const now = Date.now();
    expect(await post(internalUrl, signInternalRequest(secret, INTERNAL_EMIT_PATH, body, now))).toBe(200);
    expect(await post(internalUrl, signInternalRequest(secret, INTERNAL_EMIT_PATH, body, now))).toBe(200);
  });

  it("accepts the events the app publishes and nothing else", async () => {
    const emit = (event: string) => {
      const payload = JSON.stringify({ rooms: [userRoom(randomUUID())], event, args: [] });
      return post(internalUrl, signInternalRequest(secret, INTERNAL_EMIT_PATH, payload), payload);
    };
    for (const event of PUBLISHED_EVENTS) expect(await emit(event), event).toBe(200);
    for (const event of [...SIDECAR_ONLY_EVENTS, "no:such-event"]) expect(await emit(event), event).toBe(400);
  });

  it("is not served on the public port", async () => {
    expect(await post(node.url, signInternalRequest(secret, INTERNAL_EMIT_PATH, body))).toBe(404);
    const disconnect = JSON.stringify({ rooms: [userRoom(randomUUID())] });
    expect(await post(node.url, signInternalRequest(secret, INTERNAL_DISCONNECT_PATH, disconnect), disconnect, INTERNAL_DISCONNECT_PATH)).toBe(404);
  });

  it("carries messages end to end, and a sign-out disconnects the session's sockets", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const [aliceTab, bobTab1, bobTab2] = [await online(alice), await online(bob), await online(bob)];
    const aliceGets = collect(aliceTab, "message:new");
    const bobGets = [collect(bobTab1, "message:new"), collect(bobTab2, "message:new")];

    await alice.call().message.send({ chatId, clientId: randomUUID(), content: "before" });
    await waitUntil(() => bobGets.every((list) => list.length === 1) && aliceGets.length === 1, 5_000, "delivery over the loopback");

    await bob.call().auth.signOut();
    await waitUntil(() => !bobTab1.connected && !bobTab2.connected, 1_000, "bob's sockets disconnected");
    await alice.call().message.send({ chatId, clientId: randomUUID(), content: "after" });
    await waitUntil(() => aliceGets.length === 2, 5_000, "alice's own copy");
    expect(bobGets.map((list) => list.length)).toEqual([1, 1]);
  });

  it("the real client code stops and reports the session ended when its socket is cut by a sign-out", async () => {
    installBrowserShims();
    const bob = await registerUser();
    // The browser's tRPC client rejects with the error's shape in `data` (TRPCClientError).
    const getToken = () =>
      bob.call().realtime.token().then(
        (grant) => ({ ...grant, url: node.url, urls: [node.url] }),
        (error: { code: string; message: string }) => Promise.reject(Object.assign(new Error(error.message), { data: { code: error.code } })),
      );
    let ended = 0;
    const socket = await connectRealtime({ getToken, onState: () => undefined, onConnect: () => undefined, onSessionEnded: () => void ended++, onOutdated: () => undefined });
    try {
      await waitUntil(() => socket.connected, 10_000, "the client connected");
      await bob.call().auth.signOut();
      await waitUntil(() => ended === 1, 5_000, "onSessionEnded called");
      expect(socket.connected).toBe(false);
      expect(socket.active).toBe(false);
    } finally {
      socket.close();
    }
  });
});

describe("the loopback view-state port", () => {
  it("answers the app's signed question about what users' tabs show, and nothing unsigned", async () => {
    const { alice, chatId } = await directChatPair();
    const socket = await online(alice);
    expect(await socket.emitWithAck("view:state", { chatId, visible: true })).toEqual({ ok: true });
    const { states } = await postSigned<{ states: Record<string, Array<{ sessionId: string; chatId: string | null; visible: boolean }>> }>(internalUrl, secret, INTERNAL_VIEW_STATES_PATH, { userIds: [alice.user.id, randomUUID()] });
    expect(Object.keys(states)).toEqual([alice.user.id]);
    expect(states[alice.user.id]!.map(({ chatId, visible }) => ({ chatId, visible }))).toEqual([{ chatId, visible: true }]);
    const unsigned = await fetch(new URL(INTERNAL_VIEW_STATES_PATH, internalUrl), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userIds: [alice.user.id] }) });
    expect(unsigned.status).toBe(401);
    socket.close();
  });
});
