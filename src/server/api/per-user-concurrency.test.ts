import { describe, expect, it } from "vitest";
import { PerKeyConcurrency } from "./per-user-concurrency";

describe("PerKeyConcurrency", () => {
  it("runs at most `limit` calls of one key at once, queues the rest in order, and frees the key", async () => {
    const limiter = new PerKeyConcurrency(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const gates: (() => void)[] = [];
    const calls = Array.from({ length: 6 }, (_, index) =>
      limiter.run("u", async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        order.push(index);
        running--;
        return index;
      }),
    );
    // Another key is not held up by the first one's queue.
    expect(await limiter.run("other", () => Promise.resolve("free"))).toBe("free");
    while (order.length < 6) {
      await new Promise((resolve) => setImmediate(resolve));
      gates.shift()?.();
    }
    expect(await Promise.all(calls)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(limiter.active("u")).toBe(0);
  });

  it("frees the slot when a call throws", async () => {
    const limiter = new PerKeyConcurrency(1);
    await expect(limiter.run("u", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limiter.run("u", () => Promise.resolve(1))).toBe(1);
    expect(limiter.active("u")).toBe(0);
  });
});
