// The app's Prometheus metrics, one registry per process (kept on globalThis so dev reloads reuse it).
// Labels are procedure names, codes and rule names only: never a user or chat id.
import { Counter, Histogram, Registry, collectDefaultMetrics, Gauge } from "prom-client";
import { pool } from "~/server/db/sql";
import { METRICS_REFUSAL_STATUS, metricsAccess } from "./metrics-access";

interface AppMetrics {
  registry: Registry;
  trpcDuration: Histogram<"procedure" | "code">;
  rateLimited: Counter<"rule">;
  pushDeliveries: Counter<"kind" | "result">;
}

function createAppMetrics(): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const poolGauge = (name: string, help: string, read: () => number) =>
    new Gauge({ name, help, registers: [registry], collect() {
      this.set(read());
    } });
  poolGauge("db_pool_connections_total", "PostgreSQL connections open in this process's pool", () => pool().totalCount);
  poolGauge("db_pool_connections_idle", "Idle PostgreSQL connections in the pool", () => pool().idleCount);
  poolGauge("db_pool_requests_waiting", "Queries waiting for a pool connection", () => pool().waitingCount);
  return {
    registry,
    trpcDuration: new Histogram({
      name: "trpc_request_duration_seconds",
      help: "tRPC procedure calls by procedure and result code (OK or the tRPC error code)",
      labelNames: ["procedure", "code"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    rateLimited: new Counter({ name: "rate_limit_rejections_total", help: "Calls refused by a rate limit, by rule", labelNames: ["rule"], registers: [registry] }),
    pushDeliveries: new Counter({
      name: "push_deliveries_total",
      help: "Web pushes by kind (message, friend, close) and result: sent (accepted), gone (404/410, subscription removed), failed (retried)",
      labelNames: ["kind", "result"],
      registers: [registry],
    }),
  };
}

const cache = globalThis as unknown as { bmMetrics?: AppMetrics };

export function appMetrics(): AppMetrics {
  cache.bmMetrics ??= createAppMetrics();
  return cache.bmMetrics;
}

/** The answer to a scrape of /api/metrics: the exposition text with the right token, else 404/401. */
export async function metricsResponse(req: Request, token: string | undefined): Promise<Response> {
  const access = metricsAccess(req.headers.get("authorization"), token);
  if (access !== "ok") return new Response(null, { status: METRICS_REFUSAL_STATUS[access], headers: { "cache-control": "no-store" } });
  const { registry } = appMetrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}
