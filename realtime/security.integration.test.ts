// The sidecar's own defences, on one in-process node (no Redis): single-use socket tokens, banned
// users refused at the handshake, sessions ended by refresh-token reuse, and Origin/CORS/headers.
import { randomUUID } from "node:crypto";
import { io as connectClient } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { signRealtimeToken } from "~/server/auth/tokens";
import { db } from "~/server/db";
import { loadSession } from "~/server/services/account/sessions";
import { PROTOCOL_VERSION } from "~/shared/realtime/events";
import { collect, connected, connectSocket, waitUntil, type TestSocket } from "../test/sockets";
import { inProcessSidecar } from "../test/in-process-sidecar";
import { directChatPair, newClient, registerUser, TestCookieJar } from "../test/trpc";

const secret = process.env.AUTH_SECRET!;
const APP_ORIGIN = "http://app.example:3000";
const sidecar = inProcessSidecar({ corsOrigins: [`${APP_ORIGIN}/`] });

function attempt(socket: TestSocket) {
  sidecar.track(socket);
  return connected(socket).then(
    () => "connected",
    (error: { code?: string; message?: string }) => error.code ?? error.message,
  );
}

describe("socket tokens", () => {
  it("open one connection: a second connect with the same token is refused", async () => {
    const alice = await registerUser();
    const { token } = await alice.call().realtime.token();
    expect(await attempt(connectSocket(sidecar.url, token))).toBe("connected");
    expect(await attempt(connectSocket(sidecar.url, token))).toBe("TOKEN_INVALID");
    expect(await attempt(connectSocket(sidecar.url, token))).toBe("TOKEN_INVALID");
    // A fresh token (what the client fetches for every attempt) still works.
    const { token: fresh } = await alice.call().realtime.token();
    expect(await attempt(connectSocket(sidecar.url, fresh))).toBe("connected");
  });

  it("a banned user's valid token is refused at the handshake", async () => {
    const alice = await registerUser();
    const { token } = await alice.call().realtime.token();
    const session = await db.session.findFirstOrThrow({ where: { userId: alice.user.id } });
    await db.user.update({ where: { id: alice.user.id }, data: { banned: true, bannedAt: new Date() } });
    expect(await loadSession(session.id, alice.user.id)).toBeNull();
    expect(await attempt(connectSocket(sidecar.url, token))).toBe("SESSION_ENDED");
    const signed = await signRealtimeToken(secret, { userId: alice.user.id, sessionId: session.id });
    expect(await attempt(connectSocket(sidecar.url, signed))).toBe("SESSION_ENDED");
  });
});

describe("sessions ended in the app", () => {
  it("a replayed refresh token ends that session and disconnects its socket; other sessions stay", async () => {
    const bob = await registerUser();
    const laptop = newClient();
    await laptop.call().auth.signIn({ login: bob.input.username, password: bob.input.password });
    const stolen = bob.jar.get("bm_rt")!;
    const [socket, laptopSocket] = await Promise.all([sidecar.online(bob), sidecar.online(laptop)]);
    // Bob's browser rotates its refresh token; the old one comes back after the grace period.
    bob.jar.set("bm_at", "", { maxAge: 0 });
    await bob.call().account.me();
    expect(bob.jar.get("bm_rt")).not.toBe(stolen);
    await db.session.updateMany({ where: { prevRefreshHash: { not: null }, userId: bob.user.id }, data: { rotatedAt: new Date(Date.now() - 5 * 60_000) } });
    const thief = newClient({ jar: new TestCookieJar({ bm_rt: stolen }) });
    await expect(thief.call().account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });

    await waitUntil(() => !socket.connected, 1_000, "the reused session's socket disconnected");
    expect(laptopSocket.connected).toBe(true);
  });
});

describe("origins and headers", () => {
  const handshake = (origin?: string) =>
    fetch(`${sidecar.url}/socket.io/?EIO=4&transport=polling`, { headers: origin ? { origin } : {} });

  it("a foreign Origin gets no CORS answer and its handshake is refused; the app's origin is allowed", async () => {
    const foreign = await handshake("http://evil.example");
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("access-control-allow-credentials")).toBeNull();
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();

    const preflight = await fetch(`${sidecar.url}/socket.io/?EIO=4&transport=polling`, {
      method: "OPTIONS",
      headers: { origin: "http://evil.example", "access-control-request-method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();

    const own = await handshake(APP_ORIGIN);
    expect(own.status).toBe(200);
    expect(own.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(own.headers.get("access-control-allow-credentials")).toBe("true");
    expect(own.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("a WebSocket upgrade from a foreign Origin is refused before the token is looked at", async () => {
    const alice = await registerUser();
    const tryWith = async (origin: string) => {
      const { token } = await alice.call().realtime.token();
      const socket = connectClient(sidecar.url, {
        auth: { token, protocol: PROTOCOL_VERSION },
        transports: ["websocket"],
        extraHeaders: { origin },
        reconnection: false,
        forceNew: true,
      }) as TestSocket;
      return attempt(socket);
    };
    expect(await tryWith("http://evil.example")).not.toBe("connected");
    expect(await tryWith(APP_ORIGIN)).toBe("connected");
  });

  it("the sidecar's own answers carry nosniff and no-store", async () => {
    const health = await fetch(`${sidecar.url}/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get("x-content-type-options")).toBe("nosniff");
    expect(health.headers.get("cache-control")).toBe("no-store");
    const other = await fetch(`${sidecar.url}/anything`);
    expect(other.status).toBe(404);
    expect(other.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("typing after a session ends", () => {
  it("a signed-out socket is gone and gets nothing more", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const [aliceTab, bobTab] = await Promise.all([sidecar.online(alice), sidecar.online(bob)]);
    const bobGets = collect(bobTab, "message:new");
    const aliceGets = collect(aliceTab, "message:new");
    await bob.call().auth.signOut();
    await waitUntil(() => !bobTab.connected, 1_000, "bob disconnected");
    await alice.call().message.send({ chatId, clientId: randomUUID(), content: "after" });
    await waitUntil(() => aliceGets.length === 1, 5_000, "alice's copy");
    expect(bobGets).toEqual([]);
  });
});
