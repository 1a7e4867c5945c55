// Which users have at least one connected socket, across all sidecars. In Redis each socket is a
// member of a per-user sorted set scored by its expiry; nodes refresh their sockets' entries, so a
// crashed node's sockets drop out by themselves. Without Redis, one node counts in memory.
import type { Redis } from "ioredis";

const PRESENCE_TTL_MS = 60_000;
export const PRESENCE_REFRESH_MS = 20_000;

export interface PresenceStore {
  /** Returns true when this is the user's first live socket (they just came online). */
  add(userId: string, socketId: string): Promise<boolean>;
  /** Returns true when the user has no live socket left (they just went offline). */
  remove(userId: string, socketId: string): Promise<boolean>;
  /** Keeps the given sockets' entries alive. */
  refresh(entries: Array<{ userId: string; socketId: string }>): Promise<void>;
  online(userIds: string[]): Promise<Set<string>>;
}

const key = (userId: string) => `presence:${userId}`;

export function redisPresenceStore(redis: Redis): PresenceStore {
  const live = async (userId: string) => redis.zcount(key(userId), Date.now(), "+inf");
  return {
    async add(userId, socketId) {
      const now = Date.now();
      const result = await redis
        .multi()
        .zremrangebyscore(key(userId), "-inf", now)
        .zcount(key(userId), now, "+inf")
        .zadd(key(userId), now + PRESENCE_TTL_MS, socketId)
        .pexpire(key(userId), PRESENCE_TTL_MS)
        .exec();
      return Number(result?.[1]?.[1] ?? 0) === 0;
    },
    async remove(userId, socketId) {
      await redis.zrem(key(userId), socketId);
      return (await live(userId)) === 0;
    },
    async refresh(entries) {
      if (entries.length === 0) return;
      const expiry = Date.now() + PRESENCE_TTL_MS;
      const pipeline = redis.pipeline();
      for (const { userId, socketId } of entries) {
        pipeline.zadd(key(userId), expiry, socketId).pexpire(key(userId), PRESENCE_TTL_MS);
      }
      await pipeline.exec();
    },
    async online(userIds) {
      const now = Date.now();
      const pipeline = redis.pipeline();
      for (const userId of userIds) pipeline.zcount(key(userId), now, "+inf");
      const counts = (await pipeline.exec()) ?? [];
      return new Set(userIds.filter((_, index) => Number(counts[index]?.[1] ?? 0) > 0));
    },
  };
}

export function memoryPresenceStore(): PresenceStore {
  const sockets = new Map<string, Set<string>>();
  return {
    add(userId, socketId) {
      const set = sockets.get(userId) ?? new Set();
      sockets.set(userId, set.add(socketId));
      return Promise.resolve(set.size === 1);
    },
    remove(userId, socketId) {
      const set = sockets.get(userId);
      set?.delete(socketId);
      if (set && set.size > 0) return Promise.resolve(false);
      sockets.delete(userId);
      return Promise.resolve(true);
    },
    refresh: () => Promise.resolve(),
    online: (userIds) => Promise.resolve(new Set(userIds.filter((userId) => sockets.has(userId)))),
  };
}
