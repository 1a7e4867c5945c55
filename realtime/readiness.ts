// The sidecar's readiness (GET /ready): it accepts sockets (not shutting down), its PostgreSQL
// answers (the handshake checks sessions there) and, with Redis, both adapter clients are connected.
import type { Redis } from "ioredis";
import { databaseCheck } from "~/server/ops/dependency-checks";
import { cachedReadiness, type Check, type CheckState, type Readiness } from "~/server/ops/readiness";

export function sidecarReadiness(options: { accepting: () => boolean; redis: Redis[] | null; database?: Check }): () => Promise<Readiness> {
  const { accepting, redis, database = databaseCheck } = options;
  const ready = cachedReadiness({
    database,
    // The adapter's clients reconnect on their own: their state is enough, no PING needed.
    redis: (): Promise<CheckState> => Promise.resolve(!redis ? "off" : redis.every((client) => client.status === "ready") ? "ok" : "failing"),
  });
  // Draining answers at once (not from the cache): load balancers must stop sending clients now.
  return async () => {
    if (!accepting()) return { ready: false, checks: { accepting: "failing" } };
    const readiness = await ready();
    return { ready: readiness.ready, checks: { accepting: "ok", ...readiness.checks } };
  };
}
