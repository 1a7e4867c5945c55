// Fault tests with real processes: a private redis-server killed and started again, sidecar
// processes killed and restarted, and the browser's own client code (connection.ts, messenger.ts)
// running in node. Everything listens on 127.0.0.1 and is stopped in afterAll.
import { randomUUID } from "node:crypto";
import type { TRPCClient } from "@trpc/client";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectRealtime, type ClientSocket, type TokenGrant } from "~/client/connection";
import { Messenger } from "~/client/messenger";
import { memoryOutboxStore } from "~/client/outbox-store";
import type { AppRouter } from "~/server/api/root";
import { setPublisher } from "~/server/realtime/publisher";
import { createRedisPublisher, type RedisPublisher } from "~/server/realtime/redis-publisher";
import { createAppRedis } from "~/server/redis";
import type { MessageDto } from "~/shared/realtime/events";
import { userRoom } from "~/shared/realtime/rooms";
import { installBrowserShims } from "../test/browser-shims";
import { ownRedis, redisServerMissing, type OwnRedis } from "../test/redis-server";
import { connectedSockets, killSidecar, startSidecar, type SidecarProcess } from "../test/sidecar-process";
import { waitUntil } from "../test/sockets";
import { directChatPair, registerUser } from "../test/trpc";

installBrowserShims();

type Person = Awaited<ReturnType<typeof registerUser>>;

const sidecars: SidecarProcess[] = [];
const closers: Array<() => unknown> = [];
let redis: OwnRedis | null = null;
let appRedis: Redis | null = null;
let publisher: RedisPublisher | null = null;

afterAll(async () => {
  for (const close of closers) await Promise.resolve(close()).catch(() => undefined);
  await Promise.all(sidecars.map(killSidecar));
  appRedis?.disconnect();
  await redis?.stop();
});

async function sidecar(env: Record<string, string>, port?: number) {
  const node = await startSidecar(env, { port });
  sidecars.push(node);
  return node;
}

/** The grant the browser would get, pointing at the test's sidecars. */
function tokenFor(person: Person, urls: string[]) {
  return async (): Promise<TokenGrant> => ({ ...(await person.call().realtime.token()), url: urls[0]!, urls });
}

/** The browser's connection code, counting its successful connects. */
async function browserConnection(person: Person, urls: string[]) {
  const connects: number[] = [];
  const socket: ClientSocket = await connectRealtime({
    getToken: tokenFor(person, urls),
    onState: () => {},
    onConnect: () => connects.push(Date.now()),
    onSessionEnded: () => {},
    onOutdated: () => {},
  });
  closers.push(() => socket.close());
  await waitUntil(() => connects.length === 1, 10_000, "first connect");
  return { socket, connects };
}

/** The browser's Messenger over tRPC callers instead of HTTP (same calls, same shapes). */
function messengerApi(person: Person, urls: string[]) {
  return {
    message: {
      send: { mutate: (input: { chatId: string; clientId: string; content: string }) => person.call().message.send(input) },
      history: { query: (input: Parameters<ReturnType<Person["call"]>["message"]["history"]>[0]) => person.call().message.history(input) },
      markRead: { mutate: (input: { chatId: string; seq: number }) => person.call().message.markRead(input) },
    },
    realtime: { token: { mutate: tokenFor(person, urls) } },
  } as unknown as TRPCClient<AppRouter>;
}

const sidecarSockets = (node: SidecarProcess) => connectedSockets(node.url);

const missingRedis = redisServerMissing();

describe.skipIf(missingRedis)(`with a private Redis${missingRedis ? ` (skipped: ${missingRedis})` : ""}`, () => {
  // Sidecar processes take seconds to start on a loaded machine; the faults themselves are quick.
  beforeAll(async () => {
    redis = await ownRedis();
    appRedis = createAppRedis(redis.url);
    publisher = createRedisPublisher(appRedis);
    setPublisher(publisher);
  });

  it("Redis down: messages sent meanwhile reach the open receiver within 5 s of Redis returning, with no later message", { timeout: 120_000 }, async () => {
    const node = await sidecar({ REDIS_URL: redis!.url });
    const { alice, bob, chatId } = await directChatPair();

    const messenger = new Messenger(bob.user.id, messengerApi(bob, [node.url]), {}, memoryOutboxStore());
    closers.push(() => messenger.stop());
    await messenger.start();
    await messenger.openChat(chatId);
    await waitUntil(() => messenger.getState().connection === "online", 10_000, "Bob online");
    const seqs = () => (messenger.getState().timelines[chatId]?.messages ?? []).map((message: MessageDto) => message.seq);

    const send = (content: string) => alice.call().message.send({ chatId, clientId: randomUUID(), content });
    await send("before");
    await waitUntil(() => seqs().includes(1), 5_000, "live delivery before the outage");

    await redis!.stop();
    // Stored and answered, though nothing can be fanned out.
    for (let index = 1; index <= 5; index++) expect((await send(`during ${index}`)).message.seq).toBe(index + 1);
    expect(publisher!.pendingRooms()).toBeGreaterThan(0);
    // Bob types meanwhile: the sidecar's own publish fails too, and must not take the process down.
    messenger.typing(chatId);
    await waitUntil(() => node.output().includes("publish failed"), 5_000, "the sidecar's failed publish observed");

    await redis!.start();
    const restarted = Date.now();
    await waitUntil(() => seqs().length === 6, 5_000, "every message on Bob's screen within 5 s of Redis returning");
    expect(seqs()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Date.now() - restarted).toBeLessThan(5_000);

    // The sidecar survived and observed its Redis errors.
    expect(node.child.exitCode).toBeNull();
    expect(node.output()).not.toMatch(/missing 'error' handler|Unhandled error event|unhandledRejection/i);
  });

  it("the app remembers whom a failed publish missed and tells them to catch up once Redis answers", async () => {
    const bob = await registerUser();
    const seen: string[] = [];
    // A bare subscriber on the emitter's channels: what every sidecar's adapter would hear.
    const listener = new Redis(redis!.url, { retryStrategy: () => 10 });
    closers.push(() => listener.disconnect());
    listener.on("error", () => undefined);
    await listener.psubscribe("socket.io#*");
    listener.on("pmessageBuffer", (_pattern: Buffer, channel: Buffer, message: Buffer) => seen.push(`${channel.toString()} ${message.toString("latin1")}`));

    await redis!.stop();
    await expect(publisher!.toRooms([userRoom(bob.user.id)], "chat:updated", [{ chatId: randomUUID() }])).rejects.toThrow();
    expect(publisher!.pendingRooms()).toBe(1);

    await redis!.start();
    await waitUntil(() => seen.some((entry) => entry.includes(userRoom(bob.user.id)) && entry.includes("sync:required")), 5_000, "sync:required for Bob");
    expect(publisher!.pendingRooms()).toBe(0);
  });

  it("two sidecars without a load balancer: the client moves to the other node when its node dies, and keeps receiving", { timeout: 120_000 }, async () => {
    const [nodeA, nodeB] = await Promise.all([sidecar({ REDIS_URL: redis!.url }), sidecar({ REDIS_URL: redis!.url })]);
    const { alice, bob, chatId } = await directChatPair();

    const { socket, connects } = await browserConnection(bob, [nodeA.url, nodeB.url]);
    const received: number[] = [];
    socket.on("message:new", (message) => received.push(message.seq));

    const onA = (await sidecarSockets(nodeA)) === 1;
    const [dying, surviving] = onA ? [nodeA, nodeB] : [nodeB, nodeA];
    expect(await sidecarSockets(surviving)).toBe(0);

    await killSidecar(dying);
    await waitUntil(() => connects.length === 2, 5_000, "reconnect to the surviving node");
    expect(await sidecarSockets(surviving)).toBe(1);

    await alice.call().message.send({ chatId, clientId: randomUUID(), content: "after failover" });
    await waitUntil(() => received.includes(1), 5_000, "live delivery through the surviving node");
  });
});

describe("sidecar restart", () => {
  it("the client reconnects within 2 s of a restarted sidecar listening again", { timeout: 120_000 }, async () => {
    const first = await sidecar({ REDIS_URL: "" });
    const port = Number(new URL(first.url).port);
    const bob = await registerUser();
    const { socket, connects } = await browserConnection(bob, [first.url]);
    const attempts: number[] = [];
    socket.io.on("reconnect_attempt", () => attempts.push(Date.now()));

    await killSidecar(first);
    // An outage of four failed attempts: long enough for an unbounded back-off to have grown.
    await waitUntil(() => attempts.length >= 5, 30_000, "four failed reconnect attempts");
    const gaps = attempts.slice(1).map((at, index) => at - attempts[index]!);
    // Capped at 1 s plus jitter (a 10 s cap let the fourth wait reach 4–6 s).
    expect(Math.max(...gaps)).toBeLessThan(1_600);

    await sidecar({ REDIS_URL: "" }, port);
    const listening = Date.now();
    await waitUntil(() => connects.length === 2, 10_000, "reconnect after the restart");
    expect(connects[1]! - listening).toBeLessThan(2_000);
  });
});
