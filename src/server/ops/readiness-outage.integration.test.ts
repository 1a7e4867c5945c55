// GET /api/ready across a PostgreSQL stop and start: 503 within a few seconds while the database is
// down (no hang), 200 again once it is back. The database is a private embedded one; the app
// modules are imported after DATABASE_URL points at it.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { privatePostgres, type PrivatePostgres } from "../../../test/private-postgres";
import type * as ReadyRoute from "~/app/api/ready/route";

let database: PrivatePostgres;
let route: typeof ReadyRoute;

/** test/private-postgres applies the migration files without Prisma's CLI: record them as
 * `migrate deploy` would, so the migrations check sees a deployed database. */
async function recordMigrationsApplied(url: string, names: string[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE _prisma_migrations (id text PRIMARY KEY, migration_name text NOT NULL, finished_at timestamptz, rolled_back_at timestamptz)`);
    for (const name of names) {
      await client.query(`INSERT INTO _prisma_migrations (id, migration_name, finished_at) VALUES ($1, $1, now())`, [name]);
    }
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  database = await privatePostgres();
  process.env.DATABASE_URL = database.url;
  // Fresh app modules (env, pool, readiness cache) bound to the private database.
  const cache = globalThis as unknown as { prisma?: unknown; bmPool?: unknown; bmAppReadiness?: unknown };
  delete cache.prisma;
  delete cache.bmPool;
  delete cache.bmAppReadiness;
  route = await import("~/app/api/ready/route");
  const { MIGRATIONS_DIR, migrationNames } = await import("./dependency-checks");
  await recordMigrationsApplied(database.url, migrationNames(MIGRATIONS_DIR));
}, 120_000);

afterAll(async () => {
  const { db } = await import("~/server/db");
  await db.$disconnect();
  await database?.remove();
});

const CACHE_MS = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function ready(): Promise<{ status: number; body: unknown; cacheControl: string | null; ms: number }> {
  const started = Date.now();
  const response = await route.GET();
  return { status: response.status, body: await response.json(), cacheControl: response.headers.get("cache-control"), ms: Date.now() - started };
}

/** Polls until the route answers `status` (each answer may be the cached one of the last second). */
async function until(status: number, maxMs: number) {
  const deadline = Date.now() + maxMs;
  for (;;) {
    const answer = await ready();
    if (answer.status === status || Date.now() > deadline) return answer;
    await sleep(200);
  }
}

describe("GET /api/ready with PostgreSQL stopped and restarted", () => {
  it("answers 200, then 503 naming the database while it is down, then 200 again", { timeout: 90_000 }, async () => {
    expect(await ready()).toMatchObject({ status: 200, body: { status: "ready" }, cacheControl: "no-store" });

    await database.stop();
    try {
      await sleep(CACHE_MS);
      const down = await ready();
      expect(down.status).toBe(503);
      expect(down.ms).toBeLessThan(3_000);
      expect(down.body).toEqual({
        status: "not ready",
        checks: { database: "failing", migrations: "failing", redis: process.env.REDIS_URL ? "ok" : "off" },
      });
      expect(down.cacheControl).toBe("no-store");
    } finally {
      await database.start();
    }

    const back = await until(200, 15_000);
    expect(back).toMatchObject({ status: 200, body: { status: "ready" } });
  });
});
