// The database side of backups: what a snapshot holds, whether a target is empty, and the schema a
// builtin restore replays (the committed migration files, as `prisma migrate deploy` would).
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/** A connection for one backup or restore (outside the app's pool; closed by the caller). */
export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: "brainmessenger-backup" });
  await client.connect();
  return client;
}

export async function serverVersion(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ server_version_num: string }>("SHOW server_version_num");
  return Number(rows[0]!.server_version_num);
}

/** The major version of a server_version_num (150020 → 15). */
export function majorOf(versionNum: number): number {
  return Math.floor(versionNum / 10_000);
}

/** Migration folder names recorded as applied, oldest first. */
export async function appliedMigrations(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client
    .query<{ migration_name: string }>("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name")
    .catch(() => ({ rows: null }));
  if (!rows?.length) throw new Error("The database has no applied migrations: is it BrainMessenger's (run `npm run db:migrate` first)?");
  return rows.map((row) => row.migration_name);
}

/** Refuses a target that holds any table, so a restore never mixes two databases. */
export async function assertEmptyDatabase(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
     ORDER BY 1 LIMIT 3`,
  );
  if (rows.length) {
    throw new Error(`The target database is not empty (it has ${rows.map((row) => row.name).join(", ")}…): restore only into an empty database`);
  }
}

export interface TableInfo {
  name: string;
  columns: string[];
}

/** The application's tables (the `public` schema Prisma's migrations manage, `_prisma_migrations` included). */
export async function publicTables(client: pg.ClientBase): Promise<TableInfo[]> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
     GROUP BY c.relname ORDER BY c.relname`,
  );
  return rows;
}

/** Sequences of the `public` schema with their current value (null: never used). */
export async function publicSequences(client: pg.ClientBase): Promise<{ name: string; value: string | null }[]> {
  const { rows } = await client.query<{ name: string; value: string | null }>(
    "SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename",
  );
  return rows;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

// Prisma's own bookkeeping table, as `prisma migrate deploy` creates it (its rows come from the backup).
const PRISMA_MIGRATIONS_TABLE = `CREATE TABLE "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Creates `_prisma_migrations` and runs the committed migration files named `names`, in order. */
export async function applyMigrationFiles(client: pg.ClientBase, directory: string, names: string[]): Promise<void> {
  await client.query(PRISMA_MIGRATIONS_TABLE);
  for (const name of names) {
    const sql = await readFile(path.join(directory, name, "migration.sql"), "utf8").catch(() => {
      throw new Error(`The backup was made with migration ${name}, which this version of BrainMessenger does not have: restore it with the version that made it (or a later one)`);
    });
    await client.query(sql);
  }
}
