// Realtime sidecars as real child processes (`realtime/index.ts`), for multi-node and kill tests.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export interface SidecarProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The bearer token sidecar processes started here accept on /metrics. */
export const SIDECAR_METRICS_TOKEN = "sidecar-metrics-token-for-tests";

/** Sockets connected to the sidecar at `url`, from its token-protected /metrics (nothing public tells). */
export async function connectedSockets(url: string, token = SIDECAR_METRICS_TOKEN): Promise<number> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${url}/metrics answered ${response.status}`);
  const line = /^realtime_connected_sockets (\d+)$/m.exec(await response.text());
  if (!line) throw new Error(`${url}/metrics has no realtime_connected_sockets`);
  return Number(line[1]);
}

/** Starts `realtime/index.ts`; `port` restarts a node where a killed one listened. */
export async function startSidecar(env: Record<string, string | undefined>, options: { port?: number } = {}): Promise<SidecarProcess> {
  const port = options.port ?? (await freePort());
  // Without Redis a sidecar also listens on a loopback port (by default REALTIME_PORT + 1): a free one instead.
  const internalPort = env.REALTIME_INTERNAL_PORT ?? String(await freePort());
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "realtime/index.ts"], {
    env: { ...process.env, METRICS_TOKEN: SIDECAR_METRICS_TOKEN, ...env, REALTIME_PORT: String(port), REALTIME_INTERNAL_PORT: internalPort, NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  // Generous: tsx start-up on a loaded CI machine can take tens of seconds.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sidecar exited early:\n${output}`);
    const healthy = await fetch(`${url}/health`).then((res) => res.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`sidecar did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, child, output: () => output, exited };
}

/** Kills a sidecar (SIGKILL: a crash, no goodbye to its clients) and waits until it is gone. */
export async function killSidecar(sidecar: SidecarProcess): Promise<void> {
  if (sidecar.child.exitCode === null && sidecar.child.signalCode === null) sidecar.child.kill("SIGKILL");
  await sidecar.exited;
}
