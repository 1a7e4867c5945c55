// Runs the Prisma CLI (`tsx scripts/prisma.ts migrate deploy`). Prisma's CLI needs DATABASE_URL even
// for `generate`, and without one it tries to download engines: a placeholder serves `generate`,
// and migrations run against the embedded PostgreSQL when no DATABASE_URL is configured.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { loadEnvFile } from "./load-env.ts";
import { startEmbeddedDb, type EmbeddedDb } from "./embedded-db.ts";
import { embeddedDbConfig } from "./embedded-config.ts";

loadEnvFile();
const args = process.argv.slice(2);
const needsDatabase = args[0] === "migrate" || args[0] === "db";
let embedded: EmbeddedDb | undefined;

if (!process.env.DATABASE_URL) {
  if (needsDatabase) {
    embedded = await startEmbeddedDb(embeddedDbConfig());
    process.env.DATABASE_URL = embedded.url;
  } else {
    process.env.DATABASE_URL = "postgresql://placeholder@127.0.0.1:5432/placeholder";
  }
}

// Prisma 6.19's `migrate deploy` keeps a pooled connection checked out after it finishes, so the
// process idles ~10 s before exiting. Its closing line tells us it is done: end it then.
const DEPLOY_DONE = /All migrations have been successfully applied\.|No pending migrations to apply\./;

const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const child = spawn(process.execPath, [prismaCli, ...args], { stdio: ["inherit", "pipe", "inherit"], env: { CHECKPOINT_DISABLE: "1", ...process.env } });
let finished = false;
child.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (args[0] === "migrate" && args[1] === "deploy" && DEPLOY_DONE.test(chunk.toString())) {
    finished = true;
    setTimeout(() => child.kill("SIGTERM"), 100);
  }
});
const code = await new Promise<number>((resolve) => child.on("exit", (status) => resolve(finished ? 0 : (status ?? 1))));
await embedded?.stop();
process.exit(code);
