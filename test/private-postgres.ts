// A private embedded PostgreSQL for fault tests that stop and restart the database (never the
// shared one): a throw-away cluster on a free loopback port with the migrations applied.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { startEmbeddedDb, type EmbeddedDb } from "../scripts/embedded-db.ts";
import { freePort } from "./sidecar-process";

const migrations = fileURLToPath(new URL("../prisma/migrations", import.meta.url));

export interface PrivatePostgres {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its files. */
  remove(): Promise<void>;
}

export async function privatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), "bm-fault-pg-"));
  // As root, PostgreSQL runs as the "postgres" user, which must be able to reach the data dir.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const options = { dataDir: path.join(dir, "data"), port, database: "outage", ephemeral: true };
  let server: EmbeddedDb | null = await startEmbeddedDb(options);
  const url = server.url;
  await applyMigrations(url);
  return {
    url,
    async stop() {
      await server?.stop();
      server = null;
    },
    async start() {
      server = await startEmbeddedDb(options);
    },
    async remove() {
      await server?.stop().catch(() => undefined);
      server = null;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The migration files in order: the schema `prisma migrate deploy` would create, without the CLI. */
async function applyMigrations(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const name of readdirSync(migrations).filter((entry) => /^\d+_/.test(entry)).sort()) {
      await client.query(readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
    }
  } finally {
    await client.end();
  }
}
