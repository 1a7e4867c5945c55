// Two sidecar processes behind one real Redis: fan-out across nodes, a node killed mid-stream with
// the receiver reconnecting to the other and recovering the gap, and a graceful shutdown.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { mergeMessages, hasGap, timelineFromPage, type Timeline } from "~/client/timeline";
import type { MessageDto } from "~/shared/realtime/events";
import { useEnvironmentLinks } from "../test/environment-links";
import { sidecarProcesses } from "../test/sidecar-processes";
import { collect, waitUntil, type TestSocket } from "../test/sockets";
import { directChatPair, registerUser } from "../test/trpc";

const redisUrl = process.env.REDIS_URL;
const nodes = sidecarProcesses();
const sidecar = () => nodes.start({ REDIS_URL: redisUrl });
const socketFor = nodes.online;

// Without Redis (a bare `npm test` on a fresh machine) there is no cluster to test; CI has Redis.
describe.skipIf(!redisUrl)("two sidecars behind one Redis", () => {
  beforeAll(useEnvironmentLinks);

  it("delivers across nodes once, survives losing the receiver's node, and ends with every message once, in order", async () => {
    const [nodeA, nodeB] = await Promise.all([sidecar(), sidecar()]);
    const { alice, bob, chatId } = await directChatPair();

    // Bob's client: the same timeline logic the browser runs.
    let timeline: Timeline = timelineFromPage(await bob.call().message.history({ chatId }));
    const catchUp = async () => {
      for (;;) {
        const page = await bob.call().message.history({ chatId, after: timeline.newestSeq, limit: 100 });
        timeline = mergeMessages(timeline, page.messages);
        if (!page.hasMore) return;
      }
    };
    const liveEvents: MessageDto[] = [];
    const listen = (socket: TestSocket) =>
      socket.on("message:new", (message) => {
        liveEvents.push(message);
        timeline = mergeMessages(timeline, [message]);
        if (hasGap(timeline)) void catchUp();
      });

    const aliceOnA = await socketFor(alice, nodeA);
    const bobOnB = await socketFor(bob, nodeB);
    listen(bobOnB);
    const typing = collect(bobOnB, "typing:update");

    const send = (index: number) => alice.call().message.send({ chatId, clientId: randomUUID(), content: `#${index}` });
    for (let index = 1; index <= 10; index++) await send(index);
    await waitUntil(() => timeline.newestSeq === 10, 10_000, "first ten across nodes");
    expect(liveEvents.map((message) => message.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    // Socket-originated events cross nodes too.
    await aliceOnA.emitWithAck("typing:start", { chatId });
    await waitUntil(() => typing.length === 1, 5_000, "typing across nodes");

    // Node B dies mid-stream; Alice keeps sending.
    const sending = (async () => {
      for (let index = 11; index <= 30; index++) {
        await send(index);
        if (index === 15) nodeB.child.kill("SIGKILL");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    await new Promise<void>((resolve) => bobOnB.once("disconnect", () => resolve()));
    await sending;

    // The load balancer sends Bob to node A; on connect the client catches up by sequence.
    const bobOnA = await socketFor(bob, nodeA);
    listen(bobOnA);
    await catchUp();
    await send(31);
    await waitUntil(() => timeline.newestSeq === 31, 10_000, "catch-up and live after reconnect");

    expect(timeline.messages.map((message) => message.seq)).toEqual(Array.from({ length: 31 }, (_, index) => index + 1));
    expect(timeline.messages.map((message) => message.content)).toEqual(Array.from({ length: 31 }, (_, index) => `#${index + 1}`));
    expect(hasGap(timeline)).toBe(false);
    // No socket delivered any message twice.
    expect(new Set(liveEvents.map((message) => message.seq)).size).toBe(liveEvents.length);
    expect(await nodeB.exited).not.toBe(0);
  });

  it("a stopping node tells its clients to reconnect elsewhere and exits cleanly", async () => {
    const node = await sidecar();
    const bob = await registerUser();
    const socket = await socketFor(bob, node);
    const notices = collect(socket, "server:shutdown");
    node.child.kill("SIGTERM");
    expect(await node.exited).toBe(0);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.reconnectInMs).toBeGreaterThan(0);
  });
});
