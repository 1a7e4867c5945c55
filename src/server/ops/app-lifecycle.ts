// The app process's shutdown, shared through globalThis because scripts/next-server.ts and the
// bundled route modules are separate module graphs in one process: the server marks the process
// draining (GET /api/ready answers 503 at once) and, once its requests are done, closes the
// PostgreSQL pool and the Redis client that the app modules keep on globalThis.
import type { Server } from "node:http";

interface Shared {
  bmDraining?: boolean;
  bmPool?: { end(): Promise<void>; ended?: boolean };
  redis?: RedisClient | null;
}
interface RedisClient {
  status: string;
  quit(): Promise<unknown>;
  disconnect(): void;
  once(event: "end", listener: () => void): unknown;
}
const shared = globalThis as unknown as Shared;

export const isDraining = (): boolean => shared.bmDraining === true;

interface ShutdownOptions {
  /** Keep accepting (answering /api/ready with 503) this long first, so load balancers take the node out. */
  drainMs: number;
  /** In-flight requests get this long to finish; then their connections are closed. */
  graceMs: number;
  /** Runs after the HTTP server closed, before the pool and Redis close (e.g. job workers). */
  beforeClose?: () => Promise<void>;
}

/** Stops `server` gracefully: not ready, drain, no new connections, in-flight requests finish (at
 * most `graceMs`), then the pool and Redis close. Resolves when everything is closed. */
async function shutDownGracefully(server: Server, options: ShutdownOptions): Promise<void> {
  shared.bmDraining = true;
  if (options.drainMs > 0) await new Promise((resolve) => setTimeout(resolve, options.drainMs));
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const cutOff = setTimeout(() => server.closeAllConnections(), options.graceMs);
  await closed;
  clearTimeout(cutOff);
  await options.beforeClose?.();
  await Promise.allSettled([shared.bmPool && !shared.bmPool.ended ? shared.bmPool.end() : undefined, closeRedis(shared.redis)]);
}

/** QUIT, then wait (briefly) for the socket to close: the reply to QUIT comes before the close. */
async function closeRedis(redis: RedisClient | null | undefined): Promise<void> {
  if (!redis || redis.status === "end") return;
  const ended = new Promise<void>((resolve) => redis.once("end", resolve));
  await redis.quit().catch(() => redis.disconnect());
  await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
}

/** On SIGTERM or SIGINT, shuts `server` down gracefully (SHUTDOWN_DRAIN_MS, SHUTDOWN_GRACE_MS) and exits 0. */
export function shutDownOnSignals(server: Server, beforeClose?: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`next: ${signal}, finishing in-flight requests`);
    const drainMs = Number(process.env.SHUTDOWN_DRAIN_MS || 0);
    const graceMs = Number(process.env.SHUTDOWN_GRACE_MS || 10_000);
    void shutDownGracefully(server, { drainMs, graceMs, beforeClose }).then(() => process.exit(0));
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => stop(signal));
}
