// The shared Redis connection, when REDIS_URL is set (rate limits, fan-out, presence).
import { Redis, type RedisOptions } from "ioredis";
import { env } from "~/env";
import { log } from "./ops/logger";

/** Reconnect quickly (≤ 1 s between attempts) so fan-out resumes soon after Redis returns. */
const REDIS_RETRY_STRATEGY = (times: number) => Math.min(100 * times, 1_000);

/** Logs a client's connection errors, once per outage, instead of leaving them unhandled
 * (an 'error' event without a listener is logged by ioredis as a bug on every retry). */
export function observeRedisErrors(client: Redis, name: string): Redis {
  let reported = false;
  client.on("error", (error: Error) => {
    if (reported) return;
    reported = true;
    log().warn({ redis: name, error: error.message }, "redis: connection failing; retrying");
  });
  client.on("ready", () => {
    if (reported) log().warn({ redis: name }, "redis: connection restored");
    reported = false;
  });
  return client;
}

/** Options for every Redis client of the app and the sidecar. */
export function redisOptions(overrides: RedisOptions = {}): RedisOptions {
  return { retryStrategy: REDIS_RETRY_STRATEGY, ...overrides };
}

/** The app's client: a command fails after two reconnect attempts instead of hanging a request. */
export function createAppRedis(url: string): Redis {
  return observeRedisErrors(new Redis(url, redisOptions({ maxRetriesPerRequest: 2, enableOfflineQueue: true })), "app");
}

const cache = globalThis as unknown as { redis?: Redis | null };

export function getRedis(): Redis | null {
  if (cache.redis === undefined) cache.redis = env.REDIS_URL ? createAppRedis(env.REDIS_URL) : null;
  return cache.redis;
}
