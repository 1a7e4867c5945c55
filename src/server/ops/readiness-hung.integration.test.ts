// A database that accepts connections and never answers (a hung server or a black-holed network):
// GET /api/ready answers 503 within the checks' timeout, and a query gives up after the pool's
// connect timeout as "database unavailable" (503 in the API) instead of hanging. The app modules are
// imported after DATABASE_URL points at the silent listener.
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as ReadyRoute from "~/app/api/ready/route";
import type * as Sql from "~/server/db/sql";

let silent: Server;
const sockets: Socket[] = [];
let route: typeof ReadyRoute;
let db: typeof Sql;

beforeAll(async () => {
  silent = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  process.env.DATABASE_URL = `postgresql://postgres@127.0.0.1:${(silent.address() as AddressInfo).port}/silent`;
  process.env.DATABASE_CONNECT_TIMEOUT_MS = "1000";
  const cache = globalThis as unknown as { prisma?: unknown; bmPool?: unknown; bmAppReadiness?: unknown };
  delete cache.prisma;
  delete cache.bmPool;
  delete cache.bmAppReadiness;
  route = await import("~/app/api/ready/route");
  db = await import("~/server/db/sql");
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe("a database that never answers", () => {
  it("makes GET /api/ready answer 503 within about two seconds", async () => {
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

  it("gives up on a query after the connect timeout, as the database being unavailable", async () => {
    const { isDatabaseUnavailable } = await import("~/server/db/errors");
    const started = Date.now();
    const error: unknown = await db.query(db.sql`SELECT 1`).then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
});
