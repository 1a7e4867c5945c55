// What each connected tab shows (its open chat, and whether the page is visible), so a push is not
// sent for what is already on someone's screen. The sidecar writes it per socket; the push job reads
// it. In Redis a per-user hash holds the states and a sorted set their expiries (refreshed by the
// socket's node, so a crashed node's entries drop out); without Redis, the one sidecar keeps them in memory.
import type { Redis } from "ioredis";

const VIEW_STATE_TTL_MS = 60_000;
export const VIEW_STATE_REFRESH_MS = 20_000;

export interface ViewState {
  sessionId: string;
  chatId: string | null;
  visible: boolean;
}

export interface ViewStateStore {
  set(userId: string, socketId: string, state: ViewState): Promise<void>;
  remove(userId: string, socketId: string): Promise<void>;
  /** Keeps the given sockets' entries alive (only those that reported a state). */
  refresh(entries: Array<{ userId: string; socketId: string }>): Promise<void>;
  /** The live states of each user's sockets (users with none are left out). */
  of(userIds: string[]): Promise<Record<string, ViewState[]>>;
}

const statesKey = (userId: string) => `view:${userId}`;
const expiriesKey = (userId: string) => `view-live:${userId}`;

export function redisViewStateStore(redis: Redis): ViewStateStore {
  return {
    async set(userId, socketId, state) {
      await redis
        .multi()
        .hset(statesKey(userId), socketId, JSON.stringify(state))
        .zadd(expiriesKey(userId), Date.now() + VIEW_STATE_TTL_MS, socketId)
        .pexpire(statesKey(userId), VIEW_STATE_TTL_MS)
        .pexpire(expiriesKey(userId), VIEW_STATE_TTL_MS)
        .exec();
    },
    async remove(userId, socketId) {
      await redis.multi().hdel(statesKey(userId), socketId).zrem(expiriesKey(userId), socketId).exec();
    },
    async refresh(entries) {
      if (entries.length === 0) return;
      const expiry = Date.now() + VIEW_STATE_TTL_MS;
      const pipeline = redis.pipeline();
      for (const { userId, socketId } of entries) {
        pipeline.zadd(expiriesKey(userId), "XX", expiry, socketId).pexpire(statesKey(userId), VIEW_STATE_TTL_MS).pexpire(expiriesKey(userId), VIEW_STATE_TTL_MS);
      }
      await pipeline.exec();
    },
    async of(userIds) {
      const now = Date.now();
      const result: Record<string, ViewState[]> = {};
      for (const userId of userIds) {
        const live = await redis.zrangebyscore(expiriesKey(userId), now, "+inf");
        if (live.length === 0) continue;
        const states = (await redis.hmget(statesKey(userId), ...live)).filter((value): value is string => value !== null);
        if (states.length) result[userId] = states.map((value) => JSON.parse(value) as ViewState);
      }
      return result;
    },
  };
}

export function memoryViewStateStore(): ViewStateStore {
  const byUser = new Map<string, Map<string, ViewState>>();
  return {
    set(userId, socketId, state) {
      byUser.set(userId, (byUser.get(userId) ?? new Map<string, ViewState>()).set(socketId, state));
      return Promise.resolve();
    },
    remove(userId, socketId) {
      const states = byUser.get(userId);
      states?.delete(socketId);
      if (states?.size === 0) byUser.delete(userId);
      return Promise.resolve();
    },
    refresh: () => Promise.resolve(),
    of(userIds) {
      const result: Record<string, ViewState[]> = {};
      for (const userId of userIds) {
        const states = byUser.get(userId);
        if (states?.size) result[userId] = [...states.values()];
      }
      return Promise.resolve(result);
    },
  };
}
