// The Redis view-state store on a private redis-server: what a socket reports, read by user, gone
// with the socket or once its node stops refreshing it.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownRedis, redisServerMissing, type OwnRedis } from "../../../test/redis-server";
import { redisViewStateStore } from "./view-states";

const missing = redisServerMissing();

describe.skipIf(missing)("redisViewStateStore", () => {
  let server: OwnRedis;
  let client: Redis;
  beforeAll(async () => {
    server = await ownRedis();
    client = new Redis(server.url);
  });
  afterAll(async () => {
    await client.quit();
    await server.stop();
  });

  it("keeps each socket's state per user, replaces it on change and drops it with the socket", async () => {
    const store = redisViewStateStore(client);
    const [bob, carol] = [randomUUID(), randomUUID()];
    const session = randomUUID();
    await store.set(bob, "s1", { sessionId: session, chatId: "c1", visible: true });
    await store.set(bob, "s2", { sessionId: session, chatId: null, visible: false });
    await store.set(bob, "s1", { sessionId: session, chatId: "c2", visible: true });
    const states = await store.of([bob, carol]);
    expect(Object.keys(states)).toEqual([bob]);
    expect(states[bob]!.sort((a, b) => Number(b.visible) - Number(a.visible))).toEqual([
      { sessionId: session, chatId: "c2", visible: true },
      { sessionId: session, chatId: null, visible: false },
    ]);
    await store.remove(bob, "s1");
    await store.refresh([{ userId: bob, socketId: "s2" }, { userId: bob, socketId: "s1" }]);
    expect(await store.of([bob])).toEqual({ [bob]: [{ sessionId: session, chatId: null, visible: false }] });
  });

  it("ignores entries whose node stopped refreshing them", async () => {
    const store = redisViewStateStore(client);
    const dave = randomUUID();
    await store.set(dave, "s1", { sessionId: randomUUID(), chatId: "c1", visible: true });
    // As if 60 s passed without a refresh: the expiry score is in the past.
    await client.zadd(`view-live:${dave}`, Date.now() - 1, "s1");
    expect(await store.of([dave])).toEqual({});
  });
});
