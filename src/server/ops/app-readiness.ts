// The app's readiness (GET /api/ready): one cached round of checks per process.
import { getRedis } from "~/server/redis";
import { isDraining } from "./app-lifecycle";
import { databaseCheck, migrationNames, migrationsCheck, MIGRATIONS_DIR, redisCheck } from "./dependency-checks";
import { cachedReadiness, type Readiness } from "./readiness";

const cache = globalThis as unknown as { bmAppReadiness?: () => Promise<Readiness> };

/** While the process shuts down: not ready at once, without asking the dependencies. */
const DRAINING: Readiness = { ready: false, checks: { accepting: "failing" } };

export function appReadiness(): Promise<Readiness> {
  if (isDraining()) return Promise.resolve(DRAINING);
  cache.bmAppReadiness ??= cachedReadiness({
    database: databaseCheck,
    migrations: migrationsCheck(() => migrationNames(MIGRATIONS_DIR)),
    redis: redisCheck(getRedis()),
  });
  return cache.bmAppReadiness();
}
