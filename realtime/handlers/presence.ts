// Presence: online while any socket of the user is connected, on any node; "last seen" when the
// last one goes. Visible to chat partners and friends, as blocks and privacy settings allow.
import { db } from "~/server/db";
import { presenceAudience, visiblePresence } from "~/server/services/people/visibility";
import type { PresenceUpdate } from "~/shared/realtime/events";
import { userRoom } from "~/shared/realtime/rooms";
import { PRESENCE_REFRESH_MS, type PresenceStore } from "../presence-store";
import type { RealtimeIo, RealtimeSocket } from "../types";

async function announce(io: RealtimeIo, update: PresenceUpdate) {
  const audience = await presenceAudience(update.userId);
  if (audience.length) io.to(audience.map(userRoom)).emit("presence:update", update);
}

/** Registers presence tracking; the returned function stops it once pending writes are done. */
export function registerPresence(io: RealtimeIo, store: PresenceStore): () => Promise<void> {
  const pending = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };
  const timer = setInterval(() => {
    const entries = [...io.of("/").sockets.values()].map((socket) => ({ userId: socket.data.userId, socketId: socket.id }));
    store.refresh(entries).catch((error) => console.warn("realtime: presence refresh failed", error));
  }, PRESENCE_REFRESH_MS);
  timer.unref();

  io.on("connection", (socket: RealtimeSocket) => {
    const { userId } = socket.data;
    track(
      (async () => {
        if (await store.add(userId, socket.id)) await announce(io, { userId, online: true, lastSeenAt: null });
      })().catch((error) => console.warn("realtime: presence add failed", error)),
    );

    socket.on("disconnect", () => {
      track(
        (async () => {
          if (!(await store.remove(userId, socket.id))) return;
          const lastSeenAt = new Date();
          await db.user.update({ where: { id: userId }, data: { lastSeenAt } });
          await announce(io, { userId, online: false, lastSeenAt: lastSeenAt.toISOString() });
        })().catch((error) => console.warn("realtime: presence remove failed", error)),
      );
    });

    socket.on("presence:query", async (payload, ack) => {
      if (typeof ack !== "function") return;
      const ids = Array.isArray(payload?.userIds) ? payload.userIds.filter((id): id is string => typeof id === "string").slice(0, 200) : [];
      try {
        const visible = await visiblePresence(userId, ids);
        const [online, users] = await Promise.all([
          store.online(visible),
          db.user.findMany({ where: { id: { in: visible } }, select: { id: true, lastSeenAt: true } }),
        ]);
        ack({
          ok: true,
          data: users.map((user) => ({ userId: user.id, online: online.has(user.id), lastSeenAt: user.lastSeenAt?.toISOString() ?? null })),
        });
      } catch {
        ack({ ok: false, code: "INTERNAL" });
      }
    });
  });

  return async () => {
    clearInterval(timer);
    while (pending.size) await Promise.all(pending);
  };
}
