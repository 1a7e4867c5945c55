// Integration tests' PostgreSQL: the server DATABASE_URL names (CI), or an embedded throw-away one.
// Migrations are applied once, the production way, to a template database; each test file then
// clones it (test/setup-integration.ts), which takes milliseconds.
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import PgBoss from "pg-boss";
import type { TestProject } from "vitest/node";
import { createJobQueues } from "../src/server/jobs/queue-setup.ts";
import { startEmbeddedDb, type EmbeddedDb } from "../scripts/embedded-db.ts";
import { adminQuery, databaseUrl } from "./pg.ts";
import { freePort } from "./sidecar-process.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A URL to a database on the test server, for CREATE/DROP DATABASE. */
    pgAdminUrl: string;
    /** The migrated template every test file's database is cloned from. */
    pgTemplate: string;
  }
}

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** Applies the migrations the way production does (`tsx scripts/prisma.ts migrate deploy`). */
function migrate(url: string): Promise<void> {
  // CHECKPOINT_DISABLE: no update check (these machines have no internet).
  return run(["tsx", "scripts/prisma.ts", "migrate", "deploy"], { DATABASE_URL: url, CHECKPOINT_DISABLE: "1" });
}

/** The job queue's schema and queues, as every app process creates them at start-up (sends and
 * read marks enqueue from inside their SQL statement, which needs the queue tables). */
async function installJobSchema(url: string): Promise<void> {
  const boss = new PgBoss({ connectionString: url, schema: "pgboss", supervise: false, schedule: false, max: 2 });
  boss.on("error", (error) => console.warn(`pg-boss: ${error.message}`));
  await boss.start();
  await createJobQueues(boss);
  await boss.stop({ graceful: false, wait: true });
}

function run(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} failed (${code}):\n${output}`))));
  });
}

export default async function setup(project: TestProject) {
  // `npm test` generates the Prisma client first; a bare `npx vitest run` on a fresh clone needs it too.
  if (!existsSync(path.join(repoRoot, "src/server/db/generated/client.ts"))) {
    await run(["tsx", "scripts/prisma.ts", "generate"], {});
  }

  let embedded: EmbeddedDb | undefined;
  let embeddedDir: string | undefined;
  let adminUrl = process.env.DATABASE_URL;

  if (!adminUrl) {
    // A second try on a new port and folder, should another process take the free port first.
    for (let attempt = 1; !embedded; attempt++) {
      embeddedDir = mkdtempSync(path.join(tmpdir(), "bm-test-pg-"));
      // As root, PostgreSQL runs as the "postgres" user, which must be able to reach the data dir.
      chmodSync(embeddedDir, 0o755);
      try {
        embedded = await startEmbeddedDb({ dataDir: path.join(embeddedDir, "data"), port: await freePort(), database: "postgres", ephemeral: true });
      } catch (error) {
        rmSync(embeddedDir, { recursive: true, force: true });
        if (attempt >= 2) throw error;
        console.warn(`Embedded PostgreSQL did not start (${String(error)}); trying again.`);
      }
    }
    adminUrl = embedded.url;
  }

  const template = `bm_test_tpl_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const teardown = async () => {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`).catch((error) => console.error(error));
    await embedded?.stop();
    if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
  };

  try {
    await adminQuery(adminUrl, `CREATE DATABASE "${template}"`);
    await migrate(databaseUrl(adminUrl, template));
    await installJobSchema(databaseUrl(adminUrl, template));
  } catch (error) {
    await teardown();
    throw error;
  }

  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgTemplate", template);
  return teardown;
}
