// The app's graceful shutdown in a real child process (test/graceful-app-server.ts): on SIGTERM
// /api/ready turns 503 while the node drains, an in-flight request still completes, then the pool
// and Redis close and the process exits 0; a request outlasting SHUTDOWN_GRACE_MS is cut off.
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { waitUntil } from "../../../test/sockets";

const children: Array<ReturnType<typeof spawn>> = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

async function startServer(env: Record<string, string>) {
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "test/graceful-app-server.ts"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await waitUntil(() => /listening: \d+/.test(output) || child.exitCode !== null, 60_000, "the server to listen");
  const port = /listening: (\d+)/.exec(output)?.[1];
  if (!port) throw new Error(`the server did not start:\n${output}`);
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}

describe("graceful shutdown of the app server", () => {
  it("SIGTERM: /api/ready answers 503 during the drain, the in-flight request finishes, pool and Redis close, exit 0", { timeout: 90_000 }, async () => {
    const server = await startServer({ SHUTDOWN_DRAIN_MS: "1500", SHUTDOWN_GRACE_MS: "20000" });
    expect((await fetch(`${server.url}/api/ready`)).status).toBe(200);

    const slow = fetch(`${server.url}/slow?ms=2500`).then(async (res) => ({ status: res.status, body: await res.text() }));
    await waitUntil(() => server.output().includes("slow: started"), 5_000, "the slow request to arrive");
    const signalledAt = Date.now();
    server.child.kill("SIGTERM");
    await waitUntil(() => server.output().includes("SIGTERM"), 5_000, "the signal to arrive");

    const during = await fetch(`${server.url}/api/ready`);
    expect(during.status).toBe(503);
    expect(await during.json()).toEqual({ status: "not ready", checks: { accepting: "failing" } });
    expect(await slow).toEqual({ status: 200, body: "done" });
    expect(await server.exited).toBe(0);
    // It exits once its requests are done, not when SHUTDOWN_GRACE_MS runs out.
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(server.output()).toContain(`closed: ${JSON.stringify({ poolEnded: true, redis: process.env.REDIS_URL ? "end" : "off" })}`);
  });

  it("cuts off a request that outlasts SHUTDOWN_GRACE_MS and still exits 0", { timeout: 90_000 }, async () => {
    const server = await startServer({ SHUTDOWN_DRAIN_MS: "0", SHUTDOWN_GRACE_MS: "300" });
    const slow = fetch(`${server.url}/slow?ms=30000`).then(
      () => "answered",
      () => "cut off",
    );
    await waitUntil(() => server.output().includes("slow: started"), 5_000, "the slow request to arrive");
    const signalledAt = Date.now();
    server.child.kill("SIGTERM");
    expect(await slow).toBe("cut off");
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(5_000);
  });
});
