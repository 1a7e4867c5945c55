// Publishing through the Socket.IO Redis emitter without forgetting failures. The emitter fires
// PUBLISH and does not wait for it, so its client is wrapped to await each PUBLISH; the users whose
// events could not be published are remembered (bounded) and told to catch up (`sync:required`)
// as soon as Redis answers again. Messages are in the database already: catching up finds them.
import { Emitter } from "@socket.io/redis-emitter";
import type { Redis } from "ioredis";
import type { ServerEventArgs, ServerEventName, ServerToClientEvents } from "~/shared/realtime/events";
import { userRoom } from "~/shared/realtime/rooms";
import { emitEvent } from "./emit";
import type { Publisher } from "./publisher";

/** Beyond this many remembered rooms, everyone is told to catch up instead. */
const MAX_MISSED_ROOMS = 10_000;
const SYNC_BATCH = 1_000;

export interface RedisPublisher extends Publisher {
  /** Rooms waiting for a `sync:required` (for tests and health checks). */
  pendingRooms(): number;
  /** Tells the remembered rooms to catch up now; resolves when done (or failed again). */
  flush(): Promise<void>;
}

/** A Socket.IO Redis emitter whose operations can be awaited: `run` resolves when Redis took the
 * PUBLISH the operation made, and rejects when it failed (the emitter alone never tells). */
export function awaitedEmitter(redis: Redis) {
  let published: Promise<unknown> = Promise.resolve();
  // The emitter only ever calls publish(); capturing its promise lets a failure reach the caller.
  const client = { publish: (channel: string, message: string | Uint8Array) => (published = redis.publish(channel, message as string)) };
  const emitter = new Emitter<ServerToClientEvents>(client);
  return {
    async run(operation: (emitter: Emitter<ServerToClientEvents>) => void): Promise<void> {
      published = Promise.resolve();
      operation(emitter);
      await published;
    },
  };
}

export function createRedisPublisher(redis: Redis): RedisPublisher {
  const emitter = awaitedEmitter(redis);
  const emit = <E extends ServerEventName>(rooms: string[] | null, event: E, args: ServerEventArgs<E>) =>
    emitter.run((e) => emitEvent(rooms ? e.to(rooms) : e, event, args));

  const missed = new Set<string>();
  let everyone = false;
  let flushing: Promise<void> | null = null;

  function remember(rooms: string[]) {
    if (everyone) return;
    for (const room of rooms) missed.add(room);
    if (missed.size > MAX_MISSED_ROOMS) {
      everyone = true;
      missed.clear();
    }
  }

  async function flushOnce() {
    if (everyone) {
      everyone = false;
      try {
        await emit(null, "sync:required", []);
      } catch {
        everyone = true;
      }
      return;
    }
    const rooms = [...missed];
    missed.clear();
    for (let start = 0; start < rooms.length; start += SYNC_BATCH) {
      const batch = rooms.slice(start, start + SYNC_BATCH);
      try {
        await emit(batch, "sync:required", []);
      } catch {
        remember(rooms.slice(start));
        return;
      }
    }
  }

  function flush(): Promise<void> {
    flushing ??= flushOnce().finally(() => (flushing = null));
    return flushing;
  }

  // Redis is back (ioredis reconnected): tell whoever missed events.
  redis.on("ready", () => {
    if (everyone || missed.size > 0) void flush();
  });

  return {
    async toRooms(rooms, event, args) {
      try {
        await emit(rooms, event, args);
      } catch (error) {
        // Only users' rooms can be told to catch up; they are the only rooms the app publishes to.
        remember(rooms.filter((room) => room.startsWith(userRoom(""))));
        throw error;
      }
    },
    pendingRooms: () => (everyone ? Infinity : missed.size),
    flush,
  };
}
