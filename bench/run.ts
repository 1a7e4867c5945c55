// `npm run bench [-- --quick] [--connections N] [--rate R] [--profile]`: starts the real stack on
// loopback (PostgreSQL, Redis when REDIS_URL is set, a bench app server calling the real send and
// history services and the real publish, 1–2 real sidecars from realtime/index.ts) and a load
// generator in separate processes, runs the scenarios, then the same traffic against a bare
// Socket.IO baseline, and writes bench/results/<date>.{json,md} (and latest.md). See bench/README.md.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { signAccessToken, signRealtimeToken } from "../src/server/auth/tokens.ts";
import { openBenchDb, seed, seedHistory, type BenchDb, type Seeded } from "./lib/db";
import { killAllNow, machineCpu, spawnNode, stopAll, stopProc, tasksetAvailable, waitHttp, type Proc } from "./lib/procs";
import { round, summarize } from "./lib/stats";
import { renderMarkdown } from "./lib/report";
import type { LoadResult, Results } from "./lib/results";
import { connectedSockets, freePort, SIDECAR_METRICS_TOKEN } from "../test/sidecar-process.ts";
import { runUploadScenario } from "./upload";

// ---------------------------------------------------------------- options

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string): string | undefined => {
  const index = argv.indexOf(name);
  if (index >= 0) return argv[index + 1];
  return argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
};
const num = (name: string, fallback: number) => {
  const value = option(name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} needs a positive number, got ${value}`);
  return parsed;
};

if (flag("--help")) {
  console.log(`npm run bench [-- options]
  --quick            small N, short steps, 100k-row history chat; < 60 s; exits 1 on loss/duplicates/harness errors
  --connections N    idle sockets on one sidecar (default 5000, quick 1000; capped below the fd limit)
  --rate R           direct-message rate, msg/s (default 1000)
  --profile          run the app server and sidecars with --cpu-prof (bench/results/prof/)
  --no-bare          skip the bare Socket.IO baseline
  --no-pin           do not pin processes to cores
  --upload-only      only scenario 7 (uploads through the real path)`);
  process.exit(0);
}

const quick = flag("--quick");
const SOCKETS_PER_GENERATOR = 9_000;
const fdHard = Number(readUlimit());
const maxOnOneSidecar = Math.max(100, fdHard - 200);
const requestedConnections = num("--connections", quick ? 300 : 5_000);
const cfg = {
  quick,
  connections: Math.min(requestedConnections, 20_000, maxOnOneSidecar),
  /** Sockets kept connected during the traffic scenarios (the DM pairs and group members among them). */
  totalClients: quick ? 300 : 5_000,
  pairs: num("--pairs", quick ? 50 : 500),
  rate: num("--rate", quick ? 200 : 1_000),
  directSeconds: quick ? 3 : 15,
  warmupSeconds: quick ? 0.5 : 2,
  maxSendSeconds: quick ? 2 : 8,
  maxSendConcurrency: 64,
  groups10: quick ? 5 : 50,
  groups100: quick ? 1 : 10,
  fanSteps10: quick ? [100, 400] : [250, 500, 1_000, 2_000, 4_000],
  fanSteps100: quick ? [10, 40] : [25, 50, 100, 200, 400],
  fanStepSeconds: quick ? 1 : 3,
  crossPairs: quick ? 25 : 250,
  crossRate: quick ? 100 : 500,
  crossSeconds: quick ? 2 : 8,
  historyRows: quick ? 100_000 : 1_000_000,
  historyIterations: quick ? 30 : 300,
  upload: { images: quick ? 20 : 200, concurrency: 8, bigBytes: (quick ? 64 : 1024) * 2 ** 20, partConcurrency: 4 },
  uploadOnly: flag("--upload-only"),
  profile: flag("--profile"),
  bare: !flag("--no-bare"),
  pin: !flag("--no-pin") && os.cpus().length >= 2 && tasksetAvailable(),
  redisUrl: process.env.REDIS_URL || undefined,
};
const activeUsers = cfg.pairs * 2 + cfg.groups10 * 10 + cfg.groups100 * 100;
if (cfg.connections < Math.max(activeUsers, cfg.totalClients)) cfg.connections = Math.max(activeUsers, cfg.totalClients);
cfg.totalClients = Math.min(cfg.totalClients, cfg.connections);
const DEADLINE_MS = (quick ? 150_000 : 600_000) * (flag("--profile") ? 3 : 1);
const SERVER_CPU = cfg.pin ? "0" : undefined;
const GENERATOR_CPU = cfg.pin ? "1" : undefined;

function readUlimit(): string {
  try {
    // The generator and sidecars inherit this process's limits; the hard limit is what they may raise to.
    return execFileSync("bash", ["-c", "ulimit -Hn"]).toString().trim();
  } catch {
    return "20000";
  }
}

const started = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s] ${line}`);
const problems: string[] = [];
const problem = (text: string) => {
  problems.push(text);
  log(`PROBLEM: ${text}`);
};

// ---------------------------------------------------------------- cleanup

let db: BenchDb | undefined;
/** The upload scenario's temporary files: removed on every way out, Ctrl-C included. */
const BIG_FILE = path.join(os.tmpdir(), `bm-bench-big-${process.pid}.bin`);
const UPLOAD_DIR = path.join(os.tmpdir(), `bm-bench-uploads-${process.pid}`);
let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await stopAll();
    for (const temporary of [BIG_FILE, UPLOAD_DIR]) rmSync(temporary, { recursive: true, force: true });
    await db?.stop();
  })();
  return cleaning;
}
process.on("exit", killAllNow);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping everything the bench started`);
    void cleanup().finally(() => process.exit(130));
  });
}
const watchdog = setTimeout(() => {
  console.error(`bench exceeded its ${DEADLINE_MS / 1000} s bound: stopping`);
  void cleanup().finally(() => process.exit(2));
}, DEADLINE_MS);
watchdog.unref();

// ---------------------------------------------------------------- helpers

type Generator = Proc;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function cpuOf(procs: Proc[]): Promise<Record<string, number>> {
  const entries = await Promise.all(
    procs.filter((proc) => proc.child.exitCode === null).map(async (proc) => {
      const usage = await proc.call<{ user: number; system: number }>("cpu", undefined, 10_000);
      return [proc.name, (usage.user + usage.system) / 1e6] as const;
    }),
  );
  const machine = machineCpu();
  return { ...Object.fromEntries(entries), ...(machine ? { "machine busy": machine.busy } : {}) };
}

/** Runs `body`, reporting CPU seconds each process (and the machine) spent on it. */
async function withCpu<T>(procs: Proc[], body: () => Promise<T>): Promise<{ result: T; cpu: Record<string, number>; seconds: number }> {
  const before = await cpuOf(procs);
  const t0 = performance.now();
  const result = await body();
  const seconds = (performance.now() - t0) / 1000;
  const after = await cpuOf(procs);
  const cpu: Record<string, number> = {};
  for (const [name, value] of Object.entries(after)) if (before[name] !== undefined) cpu[name] = round(value - before[name]);
  return { result, cpu, seconds: round(seconds) };
}

/** Waits until a process uses less than 10% of a core (e.g. after mass disconnects), at most `maxMs`. */
async function settle(proc: Proc, maxMs = 10_000) {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const a = await proc.call<{ user: number; system: number }>("cpu");
    await sleep(300);
    const b = await proc.call<{ user: number; system: number }>("cpu");
    if ((b.user + b.system - a.user - a.system) / 300_000 < 0.1) return;
  }
}


async function waitSockets(url: string, count: number, maxMs = 20_000) {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    if ((await connectedSockets(url)) === count) return;
    await sleep(100);
  }
  problem(`sidecar ${url} did not reach ${count} sockets (has ${await connectedSockets(url)})`);
}

function checkLoad(name: string, result: LoadResult, options: { allowSkips?: boolean } = {}) {
  if (result.lost) problem(`${name}: ${result.lost} deliveries lost`);
  if (result.duplicated) problem(`${name}: ${result.duplicated} deliveries duplicated`);
  const failed = Object.values(result.failedSends).reduce((a, b) => a + b, 0);
  if (failed) problem(`${name}: ${failed} sends failed ${JSON.stringify(result.failedSends)}`);
  // Skipped sends mean the stack could not keep up: a speed, reported, never a failure.
  if (result.skipped && !options.allowSkips) log(`${name}: the generator skipped ${result.skipped} sends (more than its in-flight cap waiting: the stack is saturated)`);
  if (result.expected === 0) problem(`${name}: nothing was expected to arrive (no sockets?)`);
}

const fmtLoad = (result: LoadResult) =>
  `sent ${result.okSends} (${result.sendRate.toFixed(0)}/s), delivered ${result.delivered}/${result.expected} (${result.deliveryRate.toFixed(0)}/s), ` +
  `lost ${result.lost}, dup ${result.duplicated}, latency p50 ${result.latency.p50} p95 ${result.latency.p95} p99 ${result.latency.p99} max ${result.latency.max} ms`;

// ---------------------------------------------------------------- the run

async function main() {
  mkdirSync("bench/results", { recursive: true });
  if (cfg.profile) mkdirSync("bench/results/prof", { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  if (requestedConnections > cfg.connections) {
    log(`--connections ${requestedConnections} capped to ${cfg.connections}: one sidecar process may hold at most ${fdHard} files (ulimit -Hn) and 20,000 is the bench's maximum`);
  }
  log(`options: ${JSON.stringify(cfg)}`);
  log(`pinning: ${cfg.pin ? "servers and sidecars on core 0, generators on core 1 (taskset)" : "none"}`);

  db = await openBenchDb(log);
  log(`database ready (${db.kind}, PostgreSQL ${db.serverVersion})`);

  // --- who is who (indexes into the seeded users). The DM pairs and group members are among the
  // idle sockets of scenario 1, and stay connected (with other idle ones, `totalClients` in all).
  let next = 0;
  const take = (count: number) => Array.from({ length: count }, () => next++);
  const idle = take(cfg.connections);
  const pairUsers = idle.slice(0, cfg.pairs * 2);
  const pairs: Array<[number, number]> = Array.from({ length: cfg.pairs }, (_, i) => [pairUsers[2 * i]!, pairUsers[2 * i + 1]!]);
  let cursor = pairUsers.length;
  const g10 = Array.from({ length: cfg.groups10 }, () => idle.slice(cursor, (cursor += 10)));
  const g100 = Array.from({ length: cfg.groups100 }, () => idle.slice(cursor, (cursor += 100)));
  const kept = idle.slice(0, cfg.totalClients);
  // Cross-node: a DM pair user on sidecar A writes to a new user on sidecar B.
  const crossReceivers = take(cfg.crossPairs);
  const crossPairs: Array<[number, number]> = crossReceivers.map((receiver, i) => [pairUsers[(2 * i) % pairUsers.length]!, receiver]);
  const historyPair: [number, number] = [next++, next++];

  const seedStart = performance.now();
  const seeded: Seeded = await seed(db.url, next, [...pairs, ...crossPairs, historyPair], [...g10, ...g100]);
  const directChats = seeded.directChats.slice(0, pairs.length);
  const crossChats = seeded.directChats.slice(pairs.length, pairs.length + crossPairs.length);
  const historyChat = seeded.directChats[pairs.length + crossPairs.length]!;
  const groups10 = seeded.groups.slice(0, g10.length);
  const groups100 = seeded.groups.slice(g10.length);
  log(`seeded ${next} users with sessions, ${seeded.directChats.length} direct chats, ${seeded.groups.length} groups in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  const user = (index: number) => seeded.users[index]!;
  const realtimeTokens = (indexes: number[]) =>
    Promise.all(indexes.map(async (index) => ({ userId: user(index).userId, token: await signRealtimeToken(secret, { userId: user(index).userId, sessionId: user(index).sessionId }) })));
  const accessTokens = new Map<number, string>();
  await Promise.all(
    [...pairUsers, ...g10.flatMap((group) => group.slice(0, 5)), ...g100.flatMap((group) => group.slice(0, 5))].map(async (index) => {
      accessTokens.set(index, await signAccessToken(secret, { userId: user(index).userId, sessionId: user(index).sessionId }));
    }),
  );
  const sender = (index: number) => ({ userId: user(index).userId, token: accessTokens.get(index)! });

  // --- generators
  const generatorCount = Math.max(1, Math.ceil((cfg.connections + crossReceivers.length) / SOCKETS_PER_GENERATOR));
  const generators: Generator[] = Array.from({ length: generatorCount }, (_, i) =>
    spawnNode({ name: `generator-${i}`, args: ["bench/generator.ts"], cpu: GENERATOR_CPU, env: { NODE_ENV: "production" } }),
  );
  await Promise.all(generators.map((generator) => generator.call("count", undefined, 30_000)));
  const gen0 = generators[0]!;
  log(`${generatorCount} generator process(es) up`);

  const results: Results = {
    date: new Date().toISOString(),
    command: `npm run bench${argv.length ? ` -- ${argv.join(" ")}` : ""}`,
    machine: {
      cpu: os.cpus()[0]?.model ?? "unknown",
      cores: os.cpus().length,
      memoryGb: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      socketIo: (await import("socket.io/package.json", { with: { type: "json" } })).default.version,
      pg: `${(await import("pg/package.json", { with: { type: "json" } })).default.version} (server ${db.serverVersion}, ${db.kind})`,
      redis: cfg.redisUrl ? "yes" : "no",
      pinned: cfg.pin,
      loadAverage: os.loadavg().map((value) => round(value)),
    },
    config: cfg,
    ours: {},
    bare: {},
    skipped: [],
    problems,
  };
  if (!cfg.redisUrl) results.skipped.push("cross-node (2 sidecars): REDIS_URL is not set, so sidecars cannot share rooms");

  // --- stacks
  const commonEnv = {
    DATABASE_URL: db.url,
    REDIS_URL: cfg.redisUrl,
    AUTH_SECRET: secret,
    NODE_ENV: "production",
    APP_URL: "http://127.0.0.1:3000",
    CHECKPOINT_DISABLE: "1",
    METRICS_TOKEN: SIDECAR_METRICS_TOKEN,
  };
    // One folder per process: the main thread's profile is the largest file in it (tsx's loader thread writes one too).
  const profFlags = (name: string) => (cfg.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve("bench/results/prof", name)}`] : []);

  async function startStack(kind: "ours" | "bare", nodes: number) {
    const sidecars: Array<{ proc: Proc; url: string }> = [];
    for (let i = 0; i < nodes; i++) {
      const port = await freePort();
      const name = `${kind}-sidecar-${"AB"[i]}`;
      const proc = spawnNode({
        name,
        args: [kind === "ours" ? "realtime/index.ts" : "bench/bare-sidecar.ts"],
        nodeFlags: ["--expose-gc", "--import", "./bench/lib/probe.mjs", ...profFlags(name)],
        cpu: SERVER_CPU,
        env: { ...commonEnv, REALTIME_PORT: String(port) },
      });
      sidecars.push({ proc, url: `http://127.0.0.1:${port}` });
    }
    const serverPort = await freePort();
    const server = spawnNode({
      name: `${kind}-server`,
      args: ["bench/server.ts"],
      nodeFlags: profFlags(`${kind}-server`),
      cpu: SERVER_CPU,
      env: { ...commonEnv, BENCH_MODE: kind, BENCH_PORT: String(serverPort), REALTIME_INTERNAL_URL: sidecars[0]!.url },
    });
    const serverUrl = `http://127.0.0.1:${serverPort}`;
    await Promise.all([...sidecars.map((sidecar) => waitHttp(`${sidecar.url}/health`, sidecar.proc)), waitHttp(`${serverUrl}/healthz`, server)]);
    if (kind === "bare") {
      const members: Record<string, string[]> = {};
      for (const chat of seeded.directChats) members[chat.chatId] = [user(chat.a).userId, user(chat.b).userId];
      for (const group of seeded.groups) members[group.chatId] = group.members.map((index) => user(index).userId);
      await server.call("setMembers", members);
    }
    return { kind, sidecars, server, serverUrl };
  }
  type Stack = Awaited<ReturnType<typeof startStack>>;

  async function connectUsers(stack: Stack, generator: Generator, sidecarIndex: number, indexes: number[], tag: string) {
    const users = stack.kind === "ours" ? await realtimeTokens(indexes) : indexes.map((index) => ({ userId: user(index).userId, token: "" }));
    const result = await generator.call<{ connected: number; failed: number; errors: string[]; seconds: number }>(
      "connect",
      { url: stack.sidecars[sidecarIndex]!.url, users, mode: stack.kind, tag, concurrency: 200 },
      180_000,
    );
    if (result.failed) problem(`${stack.kind}: ${result.failed} of ${indexes.length} sockets (${tag}) failed to connect: ${result.errors.join("; ")}`);
    return result;
  }

  async function runStack(kind: "ours" | "bare") {
    const out = kind === "ours" ? results.ours : results.bare;
    const nodes = cfg.redisUrl ? 2 : 1;
    log(`--- ${kind}: starting ${nodes} sidecar(s) and the ${kind === "ours" ? "bench app server (real send path)" : "bare publisher"}`);
    const stack = await startStack(kind, nodes);
    const sidecarA = stack.sidecars[0]!;
    const procs = [stack.server, ...stack.sidecars.map((sidecar) => sidecar.proc), ...generators];
    const expectOpen = async (count: number) => waitSockets(sidecarA.url, count);

    // 1. idle connections
    {
      const params = { connections: idle.length, generators: generatorCount, transport: "websocket" };
      log(`[${kind}] 1. idle connections: ${JSON.stringify(params)}`);
      // Warm-up: a few sockets through the whole connect path (JIT, lazy imports, pools), then gone.
      const warm = idle.slice(0, Math.min(50, idle.length));
      await connectUsers(stack, gen0, 0, warm, "warmup");
      await gen0.call("close", { tag: "warmup" });
      await expectOpen(0);
      await settle(sidecarA.proc, 3_000);
      const base = await sidecarA.proc.call<NodeJS.MemoryUsage>("mem");
      // Generator 0 holds the DM pairs and group members (sender and receivers in one process, one clock).
      const perGen = generators.map((_, g) => idle.filter((index) => (index < activeUsers ? g === 0 : index % generatorCount === g)));
      const { result: connects, cpu, seconds } = await withCpu(procs, () =>
        Promise.all(perGen.map((indexes, g) => connectUsers(stack, generators[g]!, 0, indexes, "idle"))),
      );
      const connected = connects.reduce((sum, c) => sum + c.connected, 0);
      await expectOpen(connected);
      await settle(sidecarA.proc);
      const after = await sidecarA.proc.call<NodeJS.MemoryUsage>("mem");
      const heapPer = (after.heapUsed - base.heapUsed) / Math.max(1, connected);
      const rssPer = (after.rss - base.rss) / Math.max(1, connected);
      out.idle = {
        params,
        connected,
        connectPerSecond: round(connected / seconds),
        heapPerConnKb: round(heapPer / 1024),
        rssPerConnKb: round(rssPer / 1024),
        externalPerConnKb: round((after.external - base.external) / Math.max(1, connected) / 1024),
        baselineHeapMb: round(base.heapUsed / 2 ** 20),
        heapMb: round(after.heapUsed / 2 ** 20),
        rssMb: round(after.rss / 2 ** 20),
        cpu,
      };
      log(`[${kind}] ${connected} sockets in ${seconds} s; heap ${out.idle.heapPerConnKb} KB/conn, RSS ${out.idle.rssPerConnKb} KB/conn`);
      // Keep `totalClients` of them (the pairs and group members among them) for the traffic scenarios.
      const keepUserIds = kept.map((index) => user(index).userId);
      for (const generator of generators) await generator.call("close", { tag: "idle", keepUserIds }, 60_000);
      await expectOpen(kept.length);
      await settle(sidecarA.proc, quick ? 3_000 : 15_000);
    }

    // 2. direct messages
    const pairTargets = directChats.flatMap((chat) => [
      { chatId: chat.chatId, sender: sender(chat.a), members: [user(chat.a).userId, user(chat.b).userId] },
      { chatId: chat.chatId, sender: sender(chat.b), members: [user(chat.a).userId, user(chat.b).userId] },
    ]);
    {
      // Warm-up of the send path (JIT, lazy imports, pools), not measured.
      await gen0.call("load", { serverUrl: stack.serverUrl, targets: pairTargets, rate: 50, durationMs: 1_000, maxInFlight: 64 }, 60_000);
      const total = await connectedSockets(sidecarA.url);
      const params = { pairs: cfg.pairs, rate: cfg.rate, seconds: cfg.directSeconds, warmupSeconds: cfg.warmupSeconds, connectedClients: total };
      log(`[${kind}] 2. direct messages: ${JSON.stringify(params)}`);
      const { result, cpu } = await withCpu(procs, () =>
        gen0.call<LoadResult>("load", { serverUrl: stack.serverUrl, targets: pairTargets, rate: cfg.rate, durationMs: cfg.directSeconds * 1000, warmupMs: cfg.warmupSeconds * 1000, maxInFlight: 256 }, 120_000),
      );
      checkLoad(`${kind} direct`, result);
      if (Object.keys(result.failedSends).length) log(`[${kind}] server output:\n${stack.server.output().slice(-3000)}`);
      out.direct = { params, ...result, cpu };
      log(`[${kind}] ${fmtLoad(result)}`);
    }

    // 6. max persisted sends/s (closed loop)
    {
      const params = { concurrency: cfg.maxSendConcurrency, seconds: cfg.maxSendSeconds, chats: directChats.length };
      log(`[${kind}] 6. max sends/s: ${JSON.stringify(params)}`);
      await settle(stack.server);
      const { result, cpu } = await withCpu(procs, () =>
        gen0.call<LoadResult>("load", { serverUrl: stack.serverUrl, targets: pairTargets, concurrency: cfg.maxSendConcurrency, durationMs: cfg.maxSendSeconds * 1000 }, 120_000),
      );
      checkLoad(`${kind} max sends`, result);
      out.maxSends = { params, ...result, cpu };
      log(`[${kind}] ${result.sendRate.toFixed(0)} sends/s; send call p50 ${result.send.p50} p99 ${result.send.p99} ms; ${fmtLoad(result)}`);
    }

    // 3. group fan-out, rising rate until p99 > 100 ms
    {
      out.fanout = {};
      for (const [size, groups, steps] of [
        [10, groups10, cfg.fanSteps10],
        [100, groups100, cfg.fanSteps100],
      ] as const) {
        const targets = groups.flatMap((group) =>
          group.members.slice(0, 5).map((index) => ({ chatId: group.chatId, sender: sender(index), members: group.members.map((m) => user(m).userId) })),
        );
        const params = { groupSize: size, groups: groups.length, rates: steps, stepSeconds: cfg.fanStepSeconds, p99LimitMs: 100 };
        log(`[${kind}] 3. fan-out: ${JSON.stringify(params)}`);
        const stepsOut: Array<Record<string, unknown>> = [];
        let best: LoadResult | null = null;
        let broke: LoadResult | null = null;
        for (const rate of steps) {
          // A step over the limit is run once more before it counts: one pause (GC, the OS) in a
          // few seconds' sample would otherwise decide the figure.
          let result: LoadResult | null = null;
          for (let attempt = 1; attempt <= 2; attempt++) {
            await settle(stack.server, 5_000);
            const run = await withCpu(procs, () =>
              gen0.call<LoadResult>("load", { serverUrl: stack.serverUrl, targets, rate, durationMs: cfg.fanStepSeconds * 1000, maxInFlight: 1_000, drainMs: 10_000 }, 120_000),
            );
            result = run.result;
            checkLoad(`${kind} fan-out ${size} @${rate}/s`, result, { allowSkips: true });
            stepsOut.push({ rate, attempt, deliveriesPerSecond: round(result.deliveryRate), sendRate: round(result.sendRate), latency: result.latency, skipped: result.skipped, lost: result.lost, duplicated: result.duplicated, cpu: run.cpu });
            log(`[${kind}]   ${size}-member groups @ ${rate} msg/s${attempt > 1 ? " (again)" : ""}: ${fmtLoad(result)}`);
            if (result.latency.p99 <= 100 && result.skipped === 0) break;
          }
          if (result!.latency.p99 > 100 || result!.skipped > 0) {
            broke = result;
            break;
          }
          best = result;
        }
        out.fanout[size] = {
          params,
          steps: stepsOut,
          deliveriesPerSecond: best ? round(best.deliveryRate) : 0,
          p99AtBest: best?.latency.p99 ?? null,
          saturated: broke !== null,
        };
      }
    }

    // 4. cross-node
    if (stack.sidecars.length === 2) {
      await connectUsers(stack, gen0, 1, crossReceivers, "cross-receivers");
      const targets = crossChats.map((chat) => ({ chatId: chat.chatId, sender: sender(chat.a), members: [user(chat.a).userId, user(chat.b).userId] }));
      const params = { pairs: cfg.crossPairs, rate: cfg.crossRate, seconds: cfg.crossSeconds, senders: "sidecar A", receivers: "sidecar B", via: "Redis" };
      log(`[${kind}] 4. cross-node: ${JSON.stringify(params)}`);
      const { result, cpu } = await withCpu(procs, () =>
        gen0.call<LoadResult>("load", { serverUrl: stack.serverUrl, targets, rate: cfg.crossRate, durationMs: cfg.crossSeconds * 1000, warmupMs: 500, maxInFlight: 256 }, 120_000),
      );
      checkLoad(`${kind} cross-node`, result);
      out.crossNode = { params, ...result, cpu };
      log(`[${kind}] ${fmtLoad(result)}`);
    }

    // 5. history (ours only: the bare baseline has no database)
    if (kind === "ours") {
      const t0 = performance.now();
      await seedHistory(db!.url, historyChat.chatId, [user(historyPair[0]).userId, user(historyPair[1]).userId], cfg.historyRows);
      const seedSeconds = round((performance.now() - t0) / 1000);
      const params = { rows: cfg.historyRows, pageSize: 50, iterations: cfg.historyIterations, seedSeconds };
      log(`[${kind}] 5. history: ${JSON.stringify(params)}`);
      const { result, cpu } = await withCpu(procs, () =>
        stack.server.call<{ times: Record<string, number[]>; wrong: number }>(
          "history",
          { userId: user(historyPair[0]).userId, chatId: historyChat.chatId, lastSeq: cfg.historyRows, iterations: cfg.historyIterations },
          120_000,
        ),
      );
      if (result.wrong) problem(`history: ${result.wrong} pages had the wrong messages`);
      out.history = { params, pages: Object.fromEntries(Object.entries(result.times).map(([name, times]) => [name, summarize(times)])), cpu };
      for (const [name, page] of Object.entries(out.history.pages)) log(`[${kind}]   ${name}: p50 ${page.p50} p99 ${page.p99} ms`);
    }

    // Close every socket and stop this stack (its Redis adapter would otherwise hear the other's traffic).
    for (const generator of generators) await generator.call("close", {});
    await Promise.all([stack.server, ...stack.sidecars.map((sidecar) => sidecar.proc)].map((proc) => stopProc(proc, cfg.profile ? 30_000 : 8_000)));
  }

  if (!cfg.uploadOnly) await runStack("ours");
  results.ours.upload = await uploadScenario();
  if (cfg.bare && !cfg.uploadOnly) await runStack("bare");
  else results.skipped.push(cfg.uploadOnly ? "scenarios 1-6 and the bare baseline: --upload-only" : "bare baseline: --no-bare");

  /** 7. uploads: the app's routes in bench/upload-server.ts, the local driver in a temporary directory. */
  async function uploadScenario() {
    const port = await freePort();
    const serverUrl = `http://127.0.0.1:${port}`;
    const directory = UPLOAD_DIR;
    const server = spawnNode({
      name: "upload-server",
      args: ["bench/upload-server.ts"],
      nodeFlags: profFlags("upload-server"),
      cpu: SERVER_CPU,
      env: {
        ...commonEnv,
        BENCH_PORT: String(port),
        APP_URL: serverUrl,
        LOG_LEVEL: "warn",
        STORAGE_DRIVER: "local",
        STORAGE_LOCAL_DIR: directory,
        UPLOAD_MAX_BYTES: String(2 * 2 ** 30),
        STORAGE_QUOTA_BYTES: String(64 * 2 ** 30),
      },
    });
    try {
      await waitHttp(`${serverUrl}/healthz`, server);
      const uploaders = directChats.slice(0, cfg.upload.concurrency).map((chat) => ({ chatId: chat.chatId, senderToken: accessTokens.get(chat.a)!, peerToken: accessTokens.get(chat.b)! }));
      return await runUploadScenario({ serverUrl, serverPid: server.pid, uploaders, params: cfg.upload, tmpFile: BIG_FILE, log });
    } catch (error) {
      problem(`uploads: ${error instanceof Error ? error.message : String(error)}\n${server.output().slice(-2_000)}`);
      return undefined;
    } finally {
      await stopProc(server);
      rmSync(directory, { recursive: true, force: true });
    }
  }

  for (const generator of generators) {
    const { strayOutsideRuns } = await generator.call<{ strayOutsideRuns: number }>("count");
    void strayOutsideRuns;
  }
  results.totalSeconds = round((performance.now() - started) / 1000, 1);

  const stamp = results.date.replace(/[:.]/g, "-");
  const markdown = renderMarkdown(results);
  // An --upload-only run keeps its own file: it must not replace the full run's socket figures.
  const base = `bench/results/${cfg.uploadOnly ? "upload-" : ""}${quick ? "quick" : "full"}`;
  writeFileSync(`${base}-latest.json`, JSON.stringify(results, null, 2));
  writeFileSync(`${base}-latest.md`, markdown);
  writeFileSync(`bench/results/${stamp}${quick ? "-quick" : ""}.json`, JSON.stringify(results));
  console.log(`\n${markdown}`);
  log(`wrote ${base}-latest.json and ${base}-latest.md`);
}

let exitCode = 0;
try {
  await main();
  if (problems.length) {
    console.error(`\n${problems.length} problem(s):\n- ${problems.join("\n- ")}`);
    exitCode = 1;
  }
} catch (error) {
  console.error("bench failed:", error);
  exitCode = 1;
} finally {
  await cleanup();
}
log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exit(exitCode);
