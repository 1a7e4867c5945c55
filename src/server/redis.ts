// The shared Redis connection, when REDIS_URL is set (rate limits, fan-out, presence).
import { Redis } from "ioredis";
import { env } from "~/env";

const cache = globalThis as unknown as { redis?: Redis | null };

export function getRedis(): Redis | null {
  if (cache.redis === undefined) {
    cache.redis = env.REDIS_URL ? new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: true }) : null;
  }
  return cache.redis;
}
