// At most N procedures of one user run at once in this process; the rest wait their turn. A batch
// (or many parallel requests) from one user then holds at most N database connections, and the
// pool stays available to everyone else.

export class PerKeyConcurrency {
  private readonly running = new Map<string, { active: number; waiting: (() => void)[] }>();

  constructor(private readonly limit: number) {}

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    let slot = this.running.get(key);
    if (!slot) {
      slot = { active: 0, waiting: [] };
      this.running.set(key, slot);
    }
    if (slot.active >= this.limit) await new Promise<void>((resolve) => slot.waiting.push(resolve));
    else slot.active++;
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line (active stays), or give it back.
      const next = slot.waiting.shift();
      if (next) next();
      else if (--slot.active === 0) this.running.delete(key);
    }
  }

  /** Calls of `key` running now (for tests). */
  active(key: string): number {
    return this.running.get(key)?.active ?? 0;
  }
}
