// Issue 16: the health and readiness endpoints of the running app and its realtime sidecar, as a
// load balancer sees them: no session, no-store, and bodies without internals.
import { expect, test } from "@playwright/test";
import { E2E_METRICS_TOKEN } from "../playwright.config";

const realtimeUrl = `http://localhost:${Number(process.env.E2E_PORT || 3200) + 1}`;

test("the app's /api/health and /api/ready answer without a session", async ({ request }) => {
  for (const [path, body] of [
    ["/api/health", { status: "ok" }],
    ["/api/ready", { status: "ready" }],
  ] as const) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    expect(await response.json(), path).toEqual(body);
    expect(response.headers()["cache-control"], path).toBe("no-store");
    expect(response.headers()["content-type"], path).toContain("application/json");
  }
  expect((await request.head("/api/ready", { maxRedirects: 0 })).status()).toBe(200);
});

test("the sidecar's /health and /ready answer on its public port", async ({ request }) => {
  expect(await (await request.get(`${realtimeUrl}/health`)).json()).toEqual({ status: "ok" });
  const ready = await request.get(`${realtimeUrl}/ready`);
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ status: "ready" });
});

test("metrics need the bearer token, on the app and on the sidecar; no public socket count", async ({ request }) => {
  const bearer = { authorization: `Bearer ${E2E_METRICS_TOKEN}` };
  // A tRPC call (unauthenticated: 401) that the app's histogram must count, with its request id.
  const call = await request.get("/api/trpc/account.me");
  expect(call.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  for (const url of ["/api/metrics", `${realtimeUrl}/metrics`]) {
    expect((await request.get(url)).status(), url).toBe(401);
    expect((await request.get(url, { headers: { authorization: "Bearer wrong" } })).status(), url).toBe(401);
    const ok = await request.get(url, { headers: bearer });
    expect(ok.status(), url).toBe(200);
    expect(await ok.text(), url).toContain("process_resident_memory_bytes");
  }
  const app = await (await request.get("/api/metrics", { headers: bearer })).text();
  expect(app).toMatch(/trpc_request_duration_seconds_count\{procedure="account.me",code="UNAUTHORIZED"\} [1-9]/);
  expect(app).toContain("db_pool_connections_total");
  expect(await (await request.get(`${realtimeUrl}/metrics`, { headers: bearer })).text()).toMatch(/^realtime_connected_sockets \d+$/m);
  expect((await request.get(`${realtimeUrl}/healthz`)).status()).toBe(404);
});
