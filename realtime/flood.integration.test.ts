// Socket floods on one in-process node: typing changes are relayed about once a second per chat,
// chat members are looked up once per chat for a few seconds, every client event goes through a
// per-socket token bucket, and a socket that keeps flooding is disconnected.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { memberIds } from "~/server/services/core/chat-access";
import type { Ack } from "~/shared/realtime/events";
import { collect, waitUntil } from "../test/sockets";
import { inProcessSidecar } from "../test/in-process-sidecar";
import { directChatPair, registerUser } from "../test/trpc";
import { DEFAULT_FLOOD_LIMITS } from "./flood";

let lookups = 0;
const sidecar = inProcessSidecar({
  loadMemberIds: (chatId) => {
    lookups++;
    return memberIds(chatId);
  },
});
const online = sidecar.online;

async function pair() {
  const { alice, bob, chatId } = await directChatPair();
  const [aliceTab, bobTab] = await Promise.all([online(alice), online(bob)]);
  return { chatId, aliceTab, bobTab, bobSees: collect(bobTab, "typing:update") };
}

describe("typing floods", () => {
  it("alternating start/stop within the bucket relays about one change a second and looks members up once", async () => {
    const { chatId, aliceTab, bobTab, bobSees } = await pair();
    lookups = 0;
    const began = Date.now();
    const answers: Array<Promise<Ack>> = [];
    for (let index = 0; index < 25; index++) {
      answers.push(aliceTab.emitWithAck("typing:start", { chatId }) as Promise<Ack>, aliceTab.emitWithAck("typing:stop", { chatId }) as Promise<Ack>);
    }
    expect((await Promise.all(answers)).every((answer) => answer.ok)).toBe(true);
    // Every relay was written to Bob's connection before Alice's last answer: a round trip on
    // Bob's socket (a no-op stop) comes back after all of them.
    expect(await bobTab.emitWithAck("typing:stop", { chatId })).toEqual({ ok: true });
    // A start and its stop per second at most (normally all 50 fit in one second: [true, false]),
    // and one member lookup per chat per cache lifetime.
    const seconds = Math.ceil((Date.now() - began) / 1000);
    expect(bobSees.length).toBeGreaterThanOrEqual(2);
    expect(bobSees.length).toBeLessThanOrEqual(2 * seconds);
    expect(bobSees.map((update) => update.typing)).toEqual(bobSees.map((_, index) => index % 2 === 0));
    expect(lookups).toBeLessThanOrEqual(Math.ceil(seconds / 3));
  });

  it("typing again right after a stop is relayed once the interval is over, never lost", async () => {
    const { chatId, aliceTab, bobSees } = await pair();
    // Sending a message stops typing; typing the next one at once starts it again.
    for (const event of ["typing:start", "typing:stop", "typing:start"] as const) expect(await aliceTab.emitWithAck(event, { chatId })).toEqual({ ok: true });
    await waitUntil(() => bobSees.length === 3, 5_000, "start, stop, start");
    expect(bobSees.map((update) => update.typing)).toEqual([true, false, true]);
  });

  it("2,000 typing:stop: at most one relayed update, at most a bucket's worth of work, and the flooder is disconnected", async () => {
    const { chatId, aliceTab, bobSees, bobTab } = await pair();
    await aliceTab.emitWithAck("typing:start", { chatId });
    await waitUntil(() => bobSees.length === 1, 5_000, "the start");
    lookups = 0;
    let reason = "";
    aliceTab.once("disconnect", (why) => (reason = why));
    for (let index = 0; index < 2_000; index++) aliceTab.emit("typing:stop", { chatId });
    await waitUntil(() => reason !== "", 5_000, "the flooder disconnected");
    expect(reason).toBe("io server disconnect");
    expect(bobSees.filter((update) => !update.typing).length).toBeLessThanOrEqual(1);
    expect(lookups).toBeLessThanOrEqual(1);
    expect(bobTab.connected).toBe(true);
  });

  it("2,000 typing:start to random chat ids: a bucket's worth of lookups, refusals after, then a disconnect", async () => {
    const eve = await registerUser();
    const eveTab = await online(eve);
    lookups = 0;
    const answers: Array<{ ok: boolean; code?: string }> = [];
    let reason = "";
    eveTab.once("disconnect", (why) => (reason = why));
    for (let index = 0; index < 2_000; index++) {
      eveTab.emit("typing:start", { chatId: randomUUID() }, (answer) => void answers.push(answer as never));
    }
    await waitUntil(() => reason !== "", 5_000, "the flooder disconnected");
    expect(reason).toBe("io server disconnect");
    expect(lookups).toBeLessThanOrEqual(DEFAULT_FLOOD_LIMITS.burst + 5);
    expect(answers.filter((answer) => answer.code === "TOO_MANY_REQUESTS").length).toBeGreaterThan(DEFAULT_FLOOD_LIMITS.maxRefusals - 1);
  });

  it("a normal pace is never refused", async () => {
    const { chatId, aliceTab } = await pair();
    for (let index = 0; index < 30; index++) {
      expect(await aliceTab.emitWithAck("typing:start", { chatId })).toEqual({ ok: true });
    }
    expect(aliceTab.connected).toBe(true);
  });
});
