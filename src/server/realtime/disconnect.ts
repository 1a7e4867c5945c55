// Ending sessions on every realtime node at once: the sockets of the given sessions (or of whole
// users) are disconnected. With REDIS_URL: the Socket.IO Redis emitter's disconnectSockets (every
// sidecar's adapter hears it). Without: a signed loopback call to the one local sidecar.
import type { Redis } from "ioredis";
import { env } from "~/env";
import { getRedis } from "~/server/redis";
import { sessionRoom, userRoom } from "~/shared/realtime/rooms";
import { postSigned } from "./internal-signature";
import { awaitedEmitter } from "./redis-publisher";
import { installedSocketEnder, setSocketEnder, type SocketEnder } from "./socket-ender";
import { log } from "~/server/ops/logger";

export const INTERNAL_DISCONNECT_PATH = "/internal/disconnect";

function redisSocketEnder(redis: Redis): SocketEnder {
  const emitter = awaitedEmitter(redis);
  return { disconnectRooms: (rooms) => emitter.run((e) => e.in(rooms).disconnectSockets(true)) };
}

export function loopbackEnder(url: string, secret: string): SocketEnder {
  return {
    disconnectRooms: (rooms) => postSigned(url, secret, INTERNAL_DISCONNECT_PATH, { rooms }),
  };
}

/** The socket ender the environment calls for: Redis when configured, else the local sidecar's loopback port. */
export function environmentSocketEnder(): SocketEnder {
  return env.REDIS_URL ? redisSocketEnder(getRedis()!) : loopbackEnder(env.REALTIME_INTERNAL_URL, env.AUTH_SECRET);
}

/** The installed socket ender, or (installed on first use) the environment's. */
export function getSocketEnder(): SocketEnder {
  const installed = installedSocketEnder();
  if (installed) return installed;
  const ender = environmentSocketEnder();
  setSocketEnder(ender);
  return ender;
}

/** Disconnects the sockets of these sessions and of every session of these users. Never throws:
 * the session rows are already gone, so a socket that escapes this is refused on reconnect. */
export async function disconnectSockets(target: { sessionIds?: string[]; userIds?: string[] }): Promise<void> {
  const rooms = [...(target.sessionIds ?? []).map(sessionRoom), ...(target.userIds ?? []).map(userRoom)];
  if (rooms.length === 0) return;
  try {
    await getSocketEnder().disconnectRooms(rooms);
  } catch (error) {
    log().warn({ error: error instanceof Error ? error.message : String(error) }, "realtime: could not disconnect ended sessions");
  }
}
