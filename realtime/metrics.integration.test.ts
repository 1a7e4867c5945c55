// The sidecar's /metrics: only with the bearer token (404 without one configured, 401 with a wrong
// one), counters that move with real sockets and messages, and no user or chat id in any label.
import { describe, expect, it } from "vitest";
import { metricSample as sample } from "../test/metrics";
import { collect, waitUntil } from "../test/sockets";
import { inProcessSidecar } from "../test/in-process-sidecar";
import { registerUser } from "../test/trpc";
import { startRealtimeServer } from "./server";

const TOKEN = "metrics-token-for-the-sidecar-test";
const sidecar = inProcessSidecar({ metricsToken: TOKEN });

async function scrape(url: string, authorization?: string) {
  const response = await fetch(`${url}/metrics`, { headers: authorization ? { authorization } : {} });
  return { status: response.status, text: await response.text() };
}

describe("the sidecar's /metrics", () => {
  it("answers 401 without or with a wrong token", async () => {
    expect((await scrape(sidecar.url)).status).toBe(401);
    expect((await scrape(sidecar.url, `Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(sidecar.url, TOKEN)).status).toBe(401);
    const ok = await scrape(sidecar.url, `Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain("process_cpu_seconds_total");
  });

  it("counts sockets, events in and out, fan-out and delivery latency, labelled by event name only", async () => {
    const [alice, bob] = await Promise.all([registerUser(), registerUser()]);
    const before = (await scrape(sidecar.url, `Bearer ${TOKEN}`)).text;
    const { chatId } = await alice.call().chat.openDirect({ userId: bob.user.id });
    const [, bobTab] = await Promise.all([sidecar.online(alice), sidecar.online(bob)]);
    const received = collect(bobTab, "message:new");
    const sent = await alice.call().message.send({ chatId, clientId: crypto.randomUUID(), content: "secret words" });
    await waitUntil(() => received.length === 1);
    await bobTab.emitWithAck("message:delivered", { chatId, seq: sent.message.seq });

    const after = (await scrape(sidecar.url, `Bearer ${TOKEN}`)).text;
    expect(sample(after, "realtime_connected_sockets")).toBe(2);
    expect(sample(after, "realtime_connections_total") - sample(before, "realtime_connections_total")).toBe(2);
    expect(sample(after, 'realtime_events_in_total{event="message:delivered"}') - sample(before, 'realtime_events_in_total{event="message:delivered"}')).toBe(1);
    expect(sample(after, 'realtime_events_out_total{event="message:new"}') - sample(before, 'realtime_events_out_total{event="message:new"}')).toBeGreaterThanOrEqual(1);
    expect(sample(after, "realtime_fanout_latency_seconds_count") - sample(before, "realtime_fanout_latency_seconds_count")).toBeGreaterThanOrEqual(1);
    // Bob's device acknowledged the message it received: one end-to-end delivery observed.
    expect(sample(after, "realtime_delivery_latency_seconds_count") - sample(before, "realtime_delivery_latency_seconds_count")).toBe(1);
    for (const id of [alice.user.id, bob.user.id, chatId]) expect(after).not.toContain(id);
    expect(after).not.toContain("secret words");

    bobTab.close();
    await waitUntil(() => bobTab.disconnected);
    await expect.poll(async () => sample((await scrape(sidecar.url, `Bearer ${TOKEN}`)).text, "realtime_disconnections_total") - sample(before, "realtime_disconnections_total")).toBe(1);
  });

  it("no longer has /healthz, and no public answer reveals how many sockets are connected", async () => {
    expect((await fetch(`${sidecar.url}/healthz`)).status).toBe(404);
    for (const path of ["/health", "/ready"]) expect(await (await fetch(`${sidecar.url}${path}`)).text()).not.toMatch(/socket|\d/);
  });

  // Last: a second server in this process takes over the publisher the tests above send through.
  it("does not exist (404) on a node without METRICS_TOKEN, whatever is sent", async () => {
    const bare = await startRealtimeServer({ port: 0, secret: process.env.AUTH_SECRET!, corsOrigins: [], sessionIsLive: () => Promise.resolve(true) });
    try {
      expect((await scrape(`http://127.0.0.1:${bare.port}`, `Bearer ${TOKEN}`)).status).toBe(404);
      expect((await scrape(`http://127.0.0.1:${bare.port}`)).status).toBe(404);
    } finally {
      await bare.shutdown();
    }
  });
});
