// The readiness checks on a database migrated the production way (`prisma migrate deploy`, see
// test/global-setup.ts): migrations ok, "pending" when a migration folder is not recorded as applied.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GET as health } from "~/app/api/health/route";
import { GET as ready } from "~/app/api/ready/route";
import { query, sql } from "~/server/db/sql";
import { MIGRATIONS_DIR, migrationNames, migrationsCheck } from "./dependency-checks";
import { checkReadiness } from "./readiness";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A migrations folder with the repository's migrations and `extra` ones. */
function migrationsDir(extra: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), "bm-migrations-"));
  dirs.push(dir);
  for (const name of [...migrationNames(MIGRATIONS_DIR), ...extra]) mkdirSync(path.join(dir, name));
  return dir;
}

describe("the migrations check", () => {
  it("finds every migration of the repository applied", async () => {
    expect(migrationNames(MIGRATIONS_DIR).length).toBeGreaterThan(0);
    expect(await migrationsCheck(() => migrationNames(MIGRATIONS_DIR))()).toBe("ok");
  });

  it("is pending when a migration folder is not in _prisma_migrations", async () => {
    const dir = migrationsDir(["29990101000000_not_deployed"]);
    const readiness = await checkReadiness({ migrations: migrationsCheck(() => migrationNames(dir)) });
    expect(readiness).toEqual({ ready: false, checks: { migrations: "pending" } });
  });

  it("is pending when a migration was rolled back", async () => {
    const [latest] = migrationNames(MIGRATIONS_DIR).sort().reverse();
    await query(sql`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = ${latest}`);
    try {
      expect(await migrationsCheck(() => migrationNames(MIGRATIONS_DIR))()).toBe("pending");
    } finally {
      await query(sql`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ${latest}`);
    }
  });

  it("counts an unreadable migrations folder as failing", async () => {
    const readiness = await checkReadiness({ migrations: migrationsCheck(() => migrationNames(path.join(tmpdir(), "bm-no-such-dir"))) });
    expect(readiness.checks.migrations).toBe("failing");
  });
});

describe("the routes", () => {
  it("GET /api/health answers ok without asking anything", async () => {
    const response = health();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("GET /api/ready answers 200 on a migrated database", async () => {
    const response = await ready();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
