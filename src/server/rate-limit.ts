// Fixed-window limits and token buckets, in Redis when REDIS_URL is set (shared by every app
// process), in memory otherwise. The rules themselves: server/limits.ts, services/auth/limits.ts.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "~/shared/errors";
import { appMetrics } from "./ops/app-metrics";
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

function tooMany(rule: LimitRule, res: RateLimiterRes): AppError {
  appMetrics().rateLimited.inc({ rule: rule.name });
  return rateLimited(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
}

/** Counts one attempt for `key`; throws RATE_LIMITED once the rule's budget is spent. */
export async function consume(rule: LimitRule, key: string): Promise<void> {
  try {
    await limiterFor(rule).consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw tooMany(rule, error);
    throw error;
  }
}

/** Throws RATE_LIMITED if `key` has spent its budget, without counting an attempt. */
export async function assertNotLimited(rule: LimitRule, key: string): Promise<void> {
  const res = await limiterFor(rule).get(key);
  if (res && res.consumedPoints >= rule.points) throw tooMany(rule, res);
}

/** Forgets the attempts counted for `key` (e.g. failed sign-ins after a successful one). */
export async function reset(rule: LimitRule, key: string): Promise<void> {
  await limiterFor(rule).delete(key);
}

/** A token bucket: `burst` tokens, refilled at `perSecond`. Lets a burst through (an outbox
 * draining after an outage) while holding the sustained rate. */
export interface BucketRule {
  name: string;
  perSecond: number;
  burst: number;
}

export interface Taken {
  /** How many of the wanted tokens were granted (the first `granted` actions may run). */
  granted: number;
  /** When short: seconds until the next token. */
  retryAfter: number;
}

// Refill, then take up to ARGV[3] tokens (a negative count gives tokens back); Redis's clock, so
// every app process agrees. Returns granted and the tokens left (as a string: Lua numbers would be
// truncated to integers).
const TAKE_SCRIPT = `
local perMs = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local want = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(stored[1]) or burst
local at = tonumber(stored[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * perMs)
local granted = 0
if want < 0 then
  tokens = math.min(burst, tokens - want)
else
  granted = math.min(want, math.floor(tokens))
  tokens = tokens - granted
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / perMs) + 1000)
return {granted, tostring(tokens)}`;

const memoryBuckets = new Map<string, { tokens: number; at: number }>();

async function moveTokens(rule: BucketRule, key: string, want: number): Promise<{ granted: number; left: number }> {
  const perMs = rule.perSecond / 1000;
  const redis = getRedis();
  const bucketKey = `rl:${rule.name}:${key}`;
  if (redis) {
    const [granted, left] = (await redis.eval(TAKE_SCRIPT, 1, bucketKey, perMs, rule.burst, want)) as [number, string];
    return { granted, left: Number(left) };
  }
  const now = Date.now();
  const bucket = memoryBuckets.get(bucketKey) ?? { tokens: rule.burst, at: now };
  bucket.tokens = Math.min(rule.burst, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
  bucket.at = now;
  let granted = 0;
  if (want < 0) bucket.tokens = Math.min(rule.burst, bucket.tokens - want);
  else {
    granted = Math.min(want, Math.floor(bucket.tokens));
    bucket.tokens -= granted;
  }
  memoryBuckets.set(bucketKey, bucket);
  return { granted, left: bucket.tokens };
}

/** Takes up to `want` tokens from `key`'s bucket. */
export async function takeTokens(rule: BucketRule, key: string, want: number): Promise<Taken> {
  const { granted, left } = await moveTokens(rule, key, want);
  const retryAfter = granted < want ? Math.max(1, Math.ceil((1 - left) / rule.perSecond)) : 0;
  if (retryAfter) appMetrics().rateLimited.inc({ rule: rule.name });
  return { granted, retryAfter };
}

/** Gives back tokens taken for actions that turned out free (e.g. resends of stored messages). */
export async function returnTokens(rule: BucketRule, key: string, count: number): Promise<void> {
  if (count > 0) await moveTokens(rule, key, -count);
}

/** The RATE_LIMITED error for a wait of `retryAfter` seconds. */
export function rateLimited(retryAfter: number, what = "attempts"): AppError {
  return new AppError("RATE_LIMITED", `Too many ${what}. Try again in ${retryAfter} s.`, { retryAfter });
}
