import { afterEach, describe, expect, it, vi } from "vitest";
import { boundedCheck, cachedReadiness, checkReadiness, readinessAnswer, type CheckState } from "./readiness";

const answers = (state: CheckState) => () => Promise.resolve(state);
const never = () => new Promise<CheckState>(() => undefined);

afterEach(() => {
  vi.useRealTimers();
});

describe("boundedCheck", () => {
  it("passes the check's state through", async () => {
    expect(await boundedCheck(answers("pending"), 100)).toBe("pending");
  });

  it("counts a thrown error as failing", async () => {
    expect(await boundedCheck(() => Promise.reject(new Error("connect ECONNREFUSED 10.0.0.1:5432")), 100)).toBe("failing");
  });

  it("counts a check that hangs as failing once the timeout passes", async () => {
    vi.useFakeTimers();
    const result = boundedCheck(never, 1_500);
    await vi.advanceTimersByTimeAsync(1_499);
    let settled: CheckState | null = null;
    void result.then((state) => (settled = state));
    await Promise.resolve();
    expect(settled).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toBe("failing");
  });
});

describe("checkReadiness", () => {
  it("is ready when every check is ok or off", async () => {
    expect(await checkReadiness({ database: answers("ok"), redis: answers("off") })).toEqual({ ready: true, checks: { database: "ok", redis: "off" } });
  });

  it("is not ready when one check fails, is pending or hangs", async () => {
    const readiness = await checkReadiness({ database: never, migrations: answers("pending"), redis: answers("ok") }, 50);
    expect(readiness).toEqual({ ready: false, checks: { database: "failing", migrations: "pending", redis: "ok" } });
  });
});

describe("cachedReadiness", () => {
  it("runs one round of checks per cache period, however many callers", async () => {
    let now = 0;
    const database = vi.fn(answers("ok"));
    const readiness = cachedReadiness({ database }, { cacheMs: 1_000, now: () => now });
    await Promise.all([readiness(), readiness(), readiness()]);
    now = 999;
    await readiness();
    expect(database).toHaveBeenCalledTimes(1);
    now = 1_000;
    await readiness();
    expect(database).toHaveBeenCalledTimes(2);
  });

  it("reports a change once the cached round has expired", async () => {
    let now = 0;
    let state: CheckState = "ok";
    const readiness = cachedReadiness({ database: () => Promise.resolve(state) }, { cacheMs: 1_000, now: () => now });
    expect((await readiness()).ready).toBe(true);
    state = "failing";
    expect((await readiness()).ready).toBe(true);
    now = 1_500;
    expect(await readiness()).toEqual({ ready: false, checks: { database: "failing" } });
  });
});

describe("readinessAnswer", () => {
  it("answers 200 with the status only when ready", () => {
    expect(readinessAnswer({ ready: true, checks: { database: "ok", redis: "off" } })).toEqual({ status: 200, body: { status: "ready" } });
  });

  it("answers 503 with the checks' names and states, nothing else", () => {
    const answer = readinessAnswer({ ready: false, checks: { database: "failing", migrations: "ok", redis: "off" } });
    expect(answer).toEqual({ status: 503, body: { status: "not ready", checks: { database: "failing", migrations: "ok", redis: "off" } } });
  });
});
