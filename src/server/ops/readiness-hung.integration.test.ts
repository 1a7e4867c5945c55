// GET /api/ready against a database that accepts connections and never answers (a hung server or a
// black-holed network): 503 within the checks' timeout instead of a probe that hangs. The app
// modules are imported after DATABASE_URL points at the silent listener.
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as ReadyRoute from "~/app/api/ready/route";

let silent: Server;
const sockets: Socket[] = [];
let route: typeof ReadyRoute;

beforeAll(async () => {
  silent = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  process.env.DATABASE_URL = `postgresql://postgres@127.0.0.1:${(silent.address() as AddressInfo).port}/silent`;
  const cache = globalThis as unknown as { prisma?: unknown; bmPool?: unknown; bmAppReadiness?: unknown };
  delete cache.prisma;
  delete cache.bmPool;
  delete cache.bmAppReadiness;
  route = await import("~/app/api/ready/route");
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe("GET /api/ready with a database that never answers", () => {
  it("answers 503 within about two seconds", async () => {
    const started = Date.now();
    const response = await route.GET();
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: "not ready",
      checks: { database: "failing", migrations: "failing", redis: process.env.REDIS_URL ? "ok" : "off" },
    });
    expect(sockets.length).toBeGreaterThan(0);
  });
});
