// The checks behind /api/ready and the sidecar's /ready: PostgreSQL answers, every migration folder
// is recorded as applied, Redis answers when configured.
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Redis } from "ioredis";
import { query, sql } from "~/server/db/sql";
import type { CheckState } from "./readiness";

/** PostgreSQL answers a trivial statement (through the app's pool, as requests would). */
export async function databaseCheck(): Promise<CheckState> {
  await query(sql`SELECT 1`);
  return "ok";
}

/** Where the migration folders are at run time. `npm start`, `next start` and the sidecar run from
 * the repository root, and Next bundles server code (so `import.meta.url` does not point into the
 * source tree): the working directory is the reliable anchor. */
export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma", "migrations");

/** The migration names in `dir` (folders named `<timestamp>_<name>`, as Prisma writes them). */
export function migrationNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d+_/.test(entry.name))
    .map((entry) => entry.name);
}

const UNDEFINED_TABLE = "42P01";

/** "ok" when each of `expected` is finished (and not rolled back) in `_prisma_migrations`, "pending"
 * when one is missing (or the table is: nothing was deployed). */
export function migrationsCheck(expected: () => string[]): () => Promise<CheckState> {
  let names: string[] | null = null;
  return async () => {
    // Read once: the folders only change with a new release (a new process).
    names ??= expected();
    try {
      const rows = await query<{ migration_name: string }>(
        sql`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      const applied = new Set(rows.map((row) => row.migration_name));
      return names.every((name) => applied.has(name)) ? "ok" : "pending";
    } catch (error) {
      if ((error as { code?: string }).code === UNDEFINED_TABLE) return "pending";
      throw error;
    }
  };
}

/** Redis answers PING; "off" without Redis. */
export function redisCheck(redis: Redis | null): () => Promise<CheckState> {
  return async () => {
    if (!redis) return "off";
    await redis.ping();
    return "ok";
  };
}
