// Socket tokens are single-use: the first handshake consumes the token's id, atomically across
// nodes (Redis SET NX with the token's remaining lifetime), or in this process without Redis.
import type { Redis } from "ioredis";

export interface TokenLedger {
  /** True the first time a token id is presented; false on every later attempt. */
  consume(tokenId: string, expiresAt: number): Promise<boolean>;
}

export function redisTokenLedger(redis: Redis): TokenLedger {
  return {
    async consume(tokenId, expiresAt) {
      const ttlMs = Math.max(1_000, expiresAt - Date.now());
      return (await redis.set(`bm:rt-used:${tokenId}`, "1", "PX", ttlMs, "NX")) === "OK";
    },
  };
}

export function memoryTokenLedger(): TokenLedger {
  const used = new Map<string, number>();
  let sweptAt = 0;
  return {
    consume(tokenId, expiresAt) {
      const now = Date.now();
      if (now - sweptAt > 1_000) {
        sweptAt = now;
        for (const [id, until] of used) if (until <= now) used.delete(id);
      }
      if (used.has(tokenId)) return Promise.resolve(false);
      used.set(tokenId, expiresAt);
      return Promise.resolve(true);
    },
  };
}
