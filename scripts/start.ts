// `npm start`: everything a fresh machine needs to run BrainMessenger at http://localhost:3000.
// Without DATABASE_URL it runs an embedded PostgreSQL (data in .data/postgres); without AUTH_SECRET
// it keeps a generated one in .data/auth-secret. It applies migrations, builds the app when the
// sources changed since the last build, then runs Next and the realtime sidecar until stopped.
// `--dev` runs `next dev` instead of a production build.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createECDH, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadEnvFile } from "./load-env.ts";
import { startEmbeddedDb, type EmbeddedDb } from "./embedded-db.ts";
import { embeddedDbConfig } from "./embedded-config.ts";
import { buildFingerprint } from "./build-fingerprint.ts";
import { buildServiceWorker, SERVICE_WORKER_FILE } from "./build-service-worker.ts";

const dev = process.argv.includes("--dev");
loadEnvFile();
const port = process.env.PORT || "3000";
const realtimePort = (process.env.REALTIME_PORT ||= "3001");
process.env.APP_URL ||= `http://localhost:${port}`;
process.env.REALTIME_PUBLIC_URL ||= `http://localhost:${realtimePort}`;
process.env.AUTH_SECRET ||= localSecret();
if (!process.env.VAPID_PUBLIC_KEY && !process.env.VAPID_PRIVATE_KEY) Object.assign(process.env, localVapidKeys());

let embedded: EmbeddedDb | undefined;
if (!process.env.DATABASE_URL) {
  console.log("DATABASE_URL is not set: starting the embedded PostgreSQL (.data/postgres)…");
  embedded = await startEmbeddedDb(embeddedDbConfig());
  process.env.DATABASE_URL = embedded.url;
}

run("npx", ["tsx", "scripts/prisma.ts", "generate"]);
run("npx", ["tsx", "scripts/prisma.ts", "migrate", "deploy"]);
if (!dev) await buildIfChanged();

const children: ChildProcess[] = [
  start("next", ["npx", "tsx", "scripts/next-server.ts", ...(dev ? ["--dev"] : [])], { NODE_ENV: dev ? "development" : "production" }),
  start("realtime", ["npx", "tsx", "realtime/index.ts"], { REALTIME_PORT: realtimePort, NODE_ENV: dev ? "development" : "production" }),
];
console.log(`BrainMessenger is starting at ${process.env.APP_URL} (realtime on ${process.env.REALTIME_PUBLIC_URL})`);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  }
  await Promise.all(children.filter((child) => child.exitCode === null).map((child) => new Promise((r) => child.once("exit", r))));
  await embedded?.stop();
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

/** A secret generated once per installation, so sessions survive restarts without configuration. */
function localSecret(): string {
  const file = ".data/auth-secret";
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(".data", { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** A VAPID key pair (P-256) generated once per installation: subscriptions stay valid across restarts. */
function localVapidKeys(): { VAPID_PUBLIC_KEY: string; VAPID_PRIVATE_KEY: string } {
  const file = ".data/vapid.json";
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as { VAPID_PUBLIC_KEY: string; VAPID_PRIVATE_KEY: string };
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const privateKey = ecdh.getPrivateKey();
  const keys = { VAPID_PUBLIC_KEY: ecdh.getPublicKey().toString("base64url"), VAPID_PRIVATE_KEY: Buffer.concat([Buffer.alloc(32 - privateKey.length), privateKey]).toString("base64url") };
  mkdirSync(".data", { recursive: true });
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`\`${command} ${args.join(" ")}\` failed`);
    void embedded?.stop().then(() => process.exit(1));
    throw new Error("start-up step failed");
  }
}

async function buildIfChanged() {
  const stamp = ".next/bm-build-fingerprint";
  const fingerprint = buildFingerprint();
  const built = existsSync(".next/BUILD_ID") && existsSync(SERVICE_WORKER_FILE) && existsSync(stamp);
  if (built && readFileSync(stamp, "utf8") === fingerprint) return;
  console.log("Building the app (first start, or the sources changed)…");
  run("npx", ["next", "build"]);
  await buildServiceWorker();
  writeFileSync(stamp, fingerprint);
}

/** Runs a long-lived child in its own process group (Next leaves a next-server grandchild otherwise). */
function start(name: string, [command, ...args]: string[], extraEnv: Record<string, string> = {}): ChildProcess {
  const child = spawn(command!, args, { stdio: "inherit", env: { ...process.env, ...extraEnv }, detached: true });
  child.on("exit", (code) => {
    if (!stopping) {
      console.error(`${name} exited (${code ?? "signal"}); stopping.`);
      void stop(code || 1);
    }
  });
  return child;
}
