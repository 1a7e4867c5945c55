// Presence: online while any socket of the user is connected, on any node; "last seen" when the
// last one goes. Visible to chat partners and friends, as blocks and privacy settings allow.
import { lastSeenOf, recordLastSeen } from "~/server/services/presence/last-seen";
import { presenceAudience } from "~/server/services/people/visibility";
import type { PresenceUpdate } from "~/shared/realtime/events";
import { userRoom } from "~/shared/realtime/rooms";
import { PRESENCE_REFRESH_MS, type PresenceStore } from "../presence-store";
import type { RealtimeIo, RealtimeSocket } from "../types";
import { onClientEvent } from "./client-event";
import { log } from "~/server/ops/logger";

async function announce(io: RealtimeIo, update: PresenceUpdate) {
  const audience = await presenceAudience(update.userId);
  if (audience.length) io.to(audience.map(userRoom)).emit("presence:update", update);
}

/** Registers presence tracking; the returned function stops it once pending writes are done. */
export function registerPresence(io: RealtimeIo, store: PresenceStore): () => Promise<void> {
  const pending = new Set<Promise<void>>();
  const track = (what: string, work: () => Promise<void>) => {
    const running = work().catch((error) => log().warn({ err: error, what }, "realtime: presence update failed"));
    pending.add(running);
    void running.finally(() => pending.delete(running));
  };
  const timer = setInterval(() => {
    const entries = [...io.of("/").sockets.values()].map((socket) => ({ userId: socket.data.userId, socketId: socket.id }));
    store.refresh(entries).catch((error) => log().warn({ err: error }, "realtime: presence refresh failed"));
  }, PRESENCE_REFRESH_MS);
  timer.unref();

  io.on("connection", (socket: RealtimeSocket) => {
    const { userId } = socket.data;
    track("add", async () => {
      if (await store.add(userId, socket.id)) await announce(io, { userId, online: true, lastSeenAt: null });
    });

    socket.on("disconnect", () => {
      track("remove", async () => {
        if (!(await store.remove(userId, socket.id))) return;
        const lastSeenAt = new Date();
        await recordLastSeen(userId, lastSeenAt);
        await announce(io, { userId, online: false, lastSeenAt: lastSeenAt.toISOString() });
      });
    });

    onClientEvent(socket, "presence:query", async ({ userIds }) => {
      const seen = await lastSeenOf(userId, userIds);
      const online = await store.online(seen.map((person) => person.userId));
      return { ok: true, data: seen.map((person) => ({ ...person, online: online.has(person.userId) })) };
    });
  });

  return async () => {
    clearInterval(timer);
    while (pending.size) await Promise.all(pending);
  };
}
