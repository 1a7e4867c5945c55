// Child processes of a bench run: each in its own process group (so stopping it stops whatever it
// started), optionally pinned to a core with taskset, with an IPC channel and captured output.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { ipcClient } from "./ipc";

export interface Proc {
  name: string;
  child: ChildProcess;
  pid: number;
  call: ReturnType<typeof ipcClient>;
  output: () => string;
  exited: Promise<number | null>;
}

const running = new Set<Proc>();
const hasTaskset = spawnSync("taskset", ["-c", "0", "true"]).status === 0;

export function tasksetAvailable(): boolean {
  return hasTaskset;
}

export interface SpawnOptions {
  name: string;
  args: string[];
  env?: Record<string, string | undefined>;
  /** A core list for taskset (ignored when taskset is missing). */
  cpu?: string;
  nodeFlags?: string[];
}

export function spawnNode({ name, args, env, cpu, nodeFlags = [] }: SpawnOptions): Proc {
  const nodeArgs = [...nodeFlags, "--import", "tsx", ...args];
  const [command, argv] = cpu && hasTaskset ? ["taskset", ["-c", cpu, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const child = spawn(command, argv, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    detached: true,
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const proc: Proc = { name, child, pid: child.pid!, call: ipcClient(child, name), output: () => output, exited };
  running.add(proc);
  void exited.then(() => running.delete(proc));
  return proc;
}

/** SIGTERM to the process group, SIGKILL after `graceMs`. */
export async function stopProc(proc: Proc, graceMs = 3_000): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid, signal);
    } catch {
      try {
        proc.child.kill(signal);
      } catch {
        /* gone */
      }
    }
  };
  kill("SIGTERM");
  const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), graceMs).unref());
  if ((await Promise.race([proc.exited, timer])) === "timeout") {
    kill("SIGKILL");
    await Promise.race([proc.exited, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
  }
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((proc) => stopProc(proc)));
}

/** Synchronous last resort (process "exit" handler): SIGKILL every group still running. */
export function killAllNow(): void {
  for (const proc of running) {
    try {
      process.kill(-proc.pid, "SIGKILL");
    } catch {
      /* gone */
    }
  }
}

export async function waitHttp(url: string, proc: Proc, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited early:\n${proc.output()}`);
    if (await fetch(url).then((res) => res.ok, () => false)) return;
    if (Date.now() > deadline) throw new Error(`${proc.name} did not answer ${url} within ${timeoutMs} ms:\n${proc.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Busy and total CPU seconds of the whole machine (all cores) from /proc/stat. */
export function machineCpu(): { busy: number; total: number } | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = line.reduce((a, b) => a + b, 0) / 100;
    const idle = ((line[3] ?? 0) + (line[4] ?? 0)) / 100;
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}
