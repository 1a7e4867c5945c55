// Fixed-window limits in Redis when REDIS_URL is set (shared by every app process), in memory otherwise.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "~/shared/errors";
import { getRedis } from "./redis";

export interface LimitRule {
  name: string;
  points: number;
  durationSeconds: number;
}

const limiters = new Map<string, RateLimiterAbstract>();

function limiterFor(rule: LimitRule): RateLimiterAbstract {
  const id = `${rule.name}:${rule.points}:${rule.durationSeconds}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    const redis = getRedis();
    const options = { keyPrefix: `rl:${rule.name}`, points: rule.points, duration: rule.durationSeconds };
    limiter = redis ? new RateLimiterRedis({ ...options, storeClient: redis }) : new RateLimiterMemory(options);
    limiters.set(id, limiter);
  }
  return limiter;
}

function tooMany(res: RateLimiterRes): AppError {
  const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new AppError("RATE_LIMITED", `Too many attempts. Try again in ${retryAfter} s.`, { retryAfter });
}

/** Counts one attempt for `key`; throws RATE_LIMITED once the rule's budget is spent. */
export async function consume(rule: LimitRule, key: string): Promise<void> {
  try {
    await limiterFor(rule).consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw tooMany(error);
    throw error;
  }
}

/** Throws RATE_LIMITED if `key` has spent its budget, without counting an attempt. */
export async function assertNotLimited(rule: LimitRule, key: string): Promise<void> {
  const res = await limiterFor(rule).get(key);
  if (res && res.consumedPoints >= rule.points) throw tooMany(res);
}

/** Forgets the attempts counted for `key` (e.g. failed sign-ins after a successful one). */
export async function reset(rule: LimitRule, key: string): Promise<void> {
  await limiterFor(rule).delete(key);
}
