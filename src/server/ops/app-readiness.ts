// The app's readiness (GET /api/ready): one cached round of checks per process.
import { getRedis } from "~/server/redis";
import { databaseCheck, migrationNames, migrationsCheck, MIGRATIONS_DIR, redisCheck } from "./dependency-checks";
import { cachedReadiness, type Readiness } from "./readiness";

const cache = globalThis as unknown as { bmAppReadiness?: () => Promise<Readiness> };

export function appReadiness(): Promise<Readiness> {
  cache.bmAppReadiness ??= cachedReadiness({
    database: databaseCheck,
    migrations: migrationsCheck(() => migrationNames(MIGRATIONS_DIR)),
    redis: redisCheck(getRedis()),
  });
  return cache.bmAppReadiness();
}
