// Issue 16: the health and readiness endpoints of the running app and its realtime sidecar, as a
// load balancer sees them: no session, no-store, and bodies without internals.
import { expect, test } from "@playwright/test";

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
