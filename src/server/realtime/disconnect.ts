// Ending sessions on every realtime node at once: the sockets of the given sessions (or of whole
// users) are disconnected. With REDIS_URL: the Socket.IO Redis emitter's disconnectSockets (every
// sidecar's adapter hears it). Without: a signed loopback call to the one local sidecar.
import { env } from "~/env";
import { getRedis } from "~/server/redis";
import { sessionRoom, userRoom } from "~/shared/realtime/rooms";
import { postSigned } from "./internal-signature";
import { awaitedEmitter } from "./redis-publisher";

export const INTERNAL_DISCONNECT_PATH = "/internal/disconnect";

export interface SocketEnder {
  /** Disconnects (and closes) every socket in any of `rooms`, on every node. */
  disconnectRooms(rooms: string[]): Promise<void>;
}

function redisEnder(): SocketEnder {
  const emitter = awaitedEmitter(getRedis()!);
  return { disconnectRooms: (rooms) => emitter.run((e) => e.in(rooms).disconnectSockets(true)) };
}

export function loopbackEnder(url: string, secret: string): SocketEnder {
  return {
    disconnectRooms: (rooms) => postSigned(url, secret, INTERNAL_DISCONNECT_PATH, { rooms }),
  };
}

const state = globalThis as unknown as { bmSocketEnder?: SocketEnder };

/** Replaces how sockets are ended: the sidecar does it in-process, tests point it elsewhere. */
export function setSocketEnder(ender: SocketEnder): void {
  state.bmSocketEnder = ender;
}

function ender(): SocketEnder {
  state.bmSocketEnder ??= env.REDIS_URL ? redisEnder() : loopbackEnder(env.REALTIME_INTERNAL_URL, env.AUTH_SECRET);
  return state.bmSocketEnder;
}

/** Disconnects the sockets of these sessions and of every session of these users. Never throws:
 * the session rows are already gone, so a socket that escapes this is refused on reconnect. */
export async function disconnectSockets(target: { sessionIds?: string[]; userIds?: string[] }): Promise<void> {
  const rooms = [...(target.sessionIds ?? []).map(sessionRoom), ...(target.userIds ?? []).map(userRoom)];
  if (rooms.length === 0) return;
  try {
    await ender().disconnectRooms(rooms);
  } catch (error) {
    console.warn("realtime: could not disconnect ended sessions:", error instanceof Error ? error.message : error);
  }
}
