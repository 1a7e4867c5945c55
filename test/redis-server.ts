// A private redis-server for fault tests: started on a free loopback port, stopped and started
// again on the same port. Never the machine's shared Redis.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { freePort } from "./sidecar-process";

/** Why fault tests needing their own Redis cannot run here, or null when they can. */
export function redisServerMissing(): string | null {
  const probe = spawnSync("redis-server", ["--version"], { stdio: "ignore" });
  return probe.error || probe.status !== 0 ? "the redis-server binary is not installed" : null;
}

export interface OwnRedis {
  url: string;
  port: number;
  start(): Promise<void>;
  /** Kills the server (SIGKILL: an outage, not a clean shutdown) and waits until it is gone. */
  stop(): Promise<void>;
}

export async function ownRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = "";

  async function start() {
    output = "";
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    const deadline = Date.now() + 10_000;
    while (!output.includes("Ready to accept connections")) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`redis-server did not start:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function stop() {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const gone = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGKILL");
    await gone;
  }

  await start();
  return { url, port, start, stop };
}
