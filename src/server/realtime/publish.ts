// Typed fan-out to users' rooms after a write commits. With REDIS_URL: the Socket.IO Redis emitter
// (every sidecar's adapter hears it). Without: a signed call to the one local sidecar's loopback port.
// Publishing never fails the write: a client that misses an event catches up by sequence, and one
// whose events could not reach Redis is told to catch up when it returns (./redis-publisher.ts).
import { env } from "~/env";
import { getRedis } from "~/server/redis";
import type { PublishedEventName, ServerEventArgs } from "~/shared/realtime/events";
import { userRoom } from "~/shared/realtime/rooms";
import { postSigned } from "./internal-signature";
import { installedPublisher, setPublisher, type Publisher } from "./publisher";
import { createRedisPublisher } from "./redis-publisher";
import { log } from "~/server/ops/logger";

export const INTERNAL_EMIT_PATH = "/internal/emit";

export function loopbackPublisher(url: string, secret: string): Publisher {
  return {
    toRooms: (rooms, event, args) => postSigned(url, secret, INTERNAL_EMIT_PATH, { rooms, event, args }),
  };
}

/** The publisher the environment calls for: Redis when configured, else the local sidecar's loopback port. */
export function environmentPublisher(): Publisher {
  return env.REDIS_URL ? createRedisPublisher(getRedis()!) : loopbackPublisher(env.REALTIME_INTERNAL_URL, env.AUTH_SECRET);
}

/** The installed publisher, or (installed on first use) the environment's. */
export function getPublisher(): Publisher {
  const installed = installedPublisher();
  if (installed) return installed;
  const publisher = environmentPublisher();
  setPublisher(publisher);
  return publisher;
}

/** Sends `event` to every socket of every user in `userIds`. */
export async function publishToUsers<E extends PublishedEventName>(userIds: Iterable<string>, event: E, ...args: ServerEventArgs<E>): Promise<void> {
  const rooms = [...new Set(userIds)].map(userRoom);
  if (rooms.length === 0) return;
  try {
    await getPublisher().toRooms(rooms, event, args);
  } catch (error) {
    log().warn({ event, error: error instanceof Error ? error.message : String(error) }, "realtime: could not publish");
  }
}
