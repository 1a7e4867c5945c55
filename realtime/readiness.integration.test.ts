// The sidecar's public /health and /ready: names and states only; /ready follows PostgreSQL, its
// Redis links (a private redis-server) and turns 503 as soon as the node starts shutting down.
import { afterAll, describe, expect, it } from "vitest";
import type { Check } from "~/server/ops/readiness";
import { ownRedis, redisServerMissing, type OwnRedis } from "../test/redis-server";
import { startRealtimeServer, type RealtimeServer } from "./server";

const servers: RealtimeServer[] = [];
let redis: OwnRedis | undefined;
afterAll(async () => {
  await Promise.all(servers.splice(0).map((server) => server.shutdown().catch(() => undefined)));
  await redis?.stop();
});

async function sidecar(options: { redisUrl?: string; databaseCheck?: Check } = {}) {
  const server = await startRealtimeServer({ port: 0, secret: process.env.AUTH_SECRET!, corsOrigins: [], sessionIsLive: () => Promise.resolve(true), ...options });
  servers.push(server);
  return { server, url: `http://127.0.0.1:${server.port}` };
}

async function answer(url: string, init?: RequestInit) {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, cacheControl: response.headers.get("cache-control") };
}

/** Polls `url` until it answers `status`, and returns that answer's body. */
async function untilStatus(url: string, status: number, maxMs: number): Promise<unknown> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    const got = await answer(url);
    if (got.status === status) return got.body;
    if (Date.now() > deadline) throw new Error(`${url} still answers ${got.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const failing: Check = () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:5432"));

describe("the sidecar's /health and /ready", () => {
  it("answers ok and ready without Redis, with no internals, and HEAD without a body", async () => {
    const { url } = await sidecar();
    expect(await answer(`${url}/health`)).toEqual({ status: 200, body: { status: "ok" }, cacheControl: "no-store" });
    expect(await answer(`${url}/ready`)).toEqual({ status: 200, body: { status: "ready" }, cacheControl: "no-store" });
    expect(await answer(`${url}/ready`, { method: "HEAD" })).toMatchObject({ status: 200, body: null });
    expect((await answer(`${url}/ready`, { method: "POST" })).status).toBe(404);
  });

  it("is not ready while PostgreSQL fails (the handshake needs it), and names only the check", async () => {
    const { url } = await sidecar({ databaseCheck: failing });
    expect(await answer(`${url}/ready`)).toEqual({
      status: 503,
      body: { status: "not ready", checks: { accepting: "ok", database: "failing", redis: "off" } },
      cacheControl: "no-store",
    });
    expect((await answer(`${url}/health`)).status).toBe(200);
  });

  it("turns 503 as soon as shutdown starts, while its sockets are still being drained", async () => {
    const { server, url } = await sidecar();
    expect((await answer(`${url}/ready`)).status).toBe(200);
    const stopped = server.shutdown(250, 1_000);
    expect(await answer(`${url}/ready`)).toEqual({ status: 503, body: { status: "not ready", checks: { accepting: "failing" } }, cacheControl: "no-store" });
    expect((await answer(`${url}/health`)).status).toBe(200);
    await stopped;
    await expect(fetch(`${url}/ready`)).rejects.toThrow();
  });

  const missingRedis = redisServerMissing();
  it.skipIf(missingRedis)(`follows its Redis links${missingRedis ? ` (skipped: ${missingRedis})` : ""}`, { timeout: 60_000 }, async () => {
    redis = await ownRedis();
    const { url } = await sidecar({ redisUrl: redis.url });
    expect(await untilStatus(`${url}/ready`, 200, 10_000)).toEqual({ status: "ready" });
    await redis.stop();
    expect(await untilStatus(`${url}/ready`, 503, 10_000)).toEqual({ status: "not ready", checks: { accepting: "ok", database: "ok", redis: "failing" } });
    await redis.start();
    expect(await untilStatus(`${url}/ready`, 200, 15_000)).toEqual({ status: "ready" });
  });
});
