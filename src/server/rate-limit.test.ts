// The token bucket's in-memory version (no REDIS_URL); the Redis one is exercised by
// src/server/api/routers/limits.integration.test.ts.
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("./redis", () => ({ getRedis: () => null }));

const { returnTokens, takeTokens } = await import("./rate-limit");

afterEach(() => {
  vi.useRealTimers();
});

describe("token bucket (memory)", () => {
  it("grants a burst, then only what has refilled, and says when the next token comes", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const rule = { name: `t-${Math.random()}`, perSecond: 2, burst: 5 };
    expect(await takeTokens(rule, "u", 3)).toEqual({ granted: 3, retryAfter: 0 });
    expect(await takeTokens(rule, "u", 4)).toEqual({ granted: 2, retryAfter: 1 });
    expect(await takeTokens(rule, "u", 1)).toEqual({ granted: 0, retryAfter: 1 });
    vi.advanceTimersByTime(1000); // two tokens at 2/s
    expect(await takeTokens(rule, "u", 5)).toMatchObject({ granted: 2 });
    vi.advanceTimersByTime(60_000); // never more than the burst
    expect(await takeTokens(rule, "u", 9)).toMatchObject({ granted: 5 });
    // Another key has its own bucket.
    expect(await takeTokens(rule, "v", 5)).toEqual({ granted: 5, retryAfter: 0 });
  });

  it("returned tokens can be taken again, up to the burst", async () => {
    vi.useFakeTimers({ now: 2_000_000 });
    const rule = { name: `t-${Math.random()}`, perSecond: 0.1, burst: 3 };
    expect((await takeTokens(rule, "u", 3)).granted).toBe(3);
    await returnTokens(rule, "u", 2);
    expect((await takeTokens(rule, "u", 3)).granted).toBe(2);
    await returnTokens(rule, "u", 10);
    expect((await takeTokens(rule, "u", 10)).granted).toBe(3);
  });
});
