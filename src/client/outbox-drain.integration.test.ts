// The real outbox and its tRPC transport (the browser's code: httpBatchLink, message.sendBatch)
// against the real /api/trpc handler and PostgreSQL: 50 messages written during an app outage are
// all stored, in order, within 2 s of the app answering again.
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import { describe, expect, it, vi } from "vitest";
import { GET, POST } from "~/app/api/trpc/[trpc]/route";
import type { AppRouter } from "~/server/api/root";
import { db } from "~/server/db";
import { TRPC_MAX_BATCH_SIZE } from "~/shared/api-limits";
import type { MessageDto } from "~/shared/realtime/events";
import { recordPublished } from "../../test/publisher";
import { registerUser } from "../../test/trpc";
import { outboxTransport } from "./outbox-transport";
import { Outbox } from "./outbox";
import { memoryOutboxStore } from "./outbox-store";

describe("outbox draining after an outage (real client code, real handler)", () => {
  it("delivers 50 queued messages within 2 s of the app answering again, in order, in a few calls", async () => {
    recordPublished();
    const [alice, bob] = await Promise.all([registerUser(), registerUser()]);
    const { chatId } = await alice.call().chat.openDirect({ userId: bob.user.id });
    const cookie = Object.entries(alice.jar.snapshot()).map(([name, value]) => `${name}=${value}`).join("; ");

    let appUp = false;
    const requests: string[] = [];
    const api = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: "http://localhost:3000/api/trpc",
          transformer: superjson,
          maxItems: TRPC_MAX_BATCH_SIZE,
          fetch: async (url, init) => {
            if (!appUp) throw new TypeError("fetch failed"); // what a browser sees while the app is down
            const request = new Request(url, { ...(init as RequestInit), headers: { ...(init?.headers as Record<string, string>), cookie, "x-forwarded-for": alice.ip } });
            requests.push(new URL(request.url).pathname);
            return request.method === "GET" ? GET(request) : POST(request);
          },
        }),
      ],
    });

    const sent: MessageDto[] = [];
    const outbox = new Outbox({ store: memoryOutboxStore(), ...outboxTransport(api), onChange: () => {}, onSent: (message) => sent.push(message) });
    await outbox.start();
    for (let i = 0; i < 50; i++) await outbox.enqueue(chatId, `queued ${i}`);
    await outbox.idle();
    expect(sent).toEqual([]);

    // The app answers again; the messenger calls online() when its socket reconnects.
    appUp = true;
    const started = performance.now();
    outbox.online();
    await vi.waitFor(() => expect(sent).toHaveLength(50), { timeout: 10_000, interval: 10 });
    const elapsed = performance.now() - started;
    console.info(`outbox: 50 queued messages delivered ${Math.round(elapsed)} ms after the app came back, in ${requests.length} request(s)`);

    expect(elapsed).toBeLessThan(2000);
    expect(requests.length).toBeLessThanOrEqual(2);
    const stored = await db.message.findMany({ where: { chatId }, orderBy: { seq: "asc" }, select: { content: true } });
    expect(stored.map((message) => message.content)).toEqual(Array.from({ length: 50 }, (_, i) => `queued ${i}`));
    outbox.stop();
  });
});
