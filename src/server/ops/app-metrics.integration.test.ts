// /api/metrics: only with the bearer token (404 without one configured, 401 with a wrong one); tRPC
// timings by procedure and code, pool gauges and rate-limit rejections move, and no id leaks into labels.
import { describe, expect, it } from "vitest";
import { metricSample as sample } from "../../../test/metrics";
import { consume } from "~/server/rate-limit";
import { expectTRPCError, registerUser } from "../../../test/trpc";
import { metricsResponse } from "./app-metrics";

const TOKEN = "metrics-token-for-the-app-test";

async function scrape(authorization?: string, { token = TOKEN }: { token?: string | null } = {}) {
  const response = await metricsResponse(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }), token ?? undefined);
  return { status: response.status, text: await response.text() };
}

describe("/api/metrics", () => {
  it("is 404 without METRICS_TOKEN, 401 without or with a wrong bearer token", async () => {
    expect((await scrape(`Bearer ${TOKEN}`, { token: null })).status).toBe(404);
    expect((await scrape()).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN.slice(0, -1)}`)).status).toBe(401);
    expect((await scrape(`Basic ${TOKEN}`)).status).toBe(401);
    const ok = await scrape(`Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain("process_resident_memory_bytes");
  });

  it("times tRPC calls by procedure and code, shows the pool, counts rate-limit rejections; no ids in labels", async () => {
    const before = (await scrape(`Bearer ${TOKEN}`)).text;
    const [alice, bob] = await Promise.all([registerUser(), registerUser()]);
    const { chatId } = await alice.call().chat.openDirect({ userId: bob.user.id });
    await alice.call().message.send({ chatId, clientId: crypto.randomUUID(), content: "private words" });
    await expectTRPCError(bob.call().chat.openDirect({ userId: crypto.randomUUID() }));
    const rule = { name: "metrics-test", points: 1, durationSeconds: 60 };
    await consume(rule, alice.user.id);
    await expect(consume(rule, alice.user.id)).rejects.toMatchObject({ code: "RATE_LIMITED" });

    const after = (await scrape(`Bearer ${TOKEN}`)).text;
    const delta = (name: string) => sample(after, name) - sample(before, name);
    expect(delta('trpc_request_duration_seconds_count{procedure="message.send",code="OK"}')).toBe(1);
    expect(after).toMatch(/trpc_request_duration_seconds_count\{procedure="chat.openDirect",code="(NOT_FOUND|FORBIDDEN|BAD_REQUEST)"\} [1-9]/);
    expect(delta('rate_limit_rejections_total{rule="metrics-test"}')).toBe(1);
    expect(sample(after, "db_pool_connections_total")).toBeGreaterThan(0);
    expect(after).toContain("db_pool_requests_waiting");
    for (const secret of [alice.user.id, bob.user.id, chatId, "private words"]) expect(after).not.toContain(secret);
  });
});
