// View states: each socket reports the chat it shows and whether its page is visible (view:state);
// the push job reads them to skip what is already on screen. Entries go with the socket.
import type { ViewStateStore } from "~/server/realtime/view-states";
import { VIEW_STATE_REFRESH_MS } from "~/server/realtime/view-states";
import type { RealtimeIo, RealtimeSocket } from "../types";
import { onClientEvent } from "./client-event";
import { log } from "~/server/ops/logger";

/** Registers view-state tracking; the returned function stops the refresh timer. */
export function registerViewStates(io: RealtimeIo, store: ViewStateStore): () => void {
  const reported = new Set<RealtimeSocket>();
  const timer = setInterval(() => {
    const entries = [...reported].map((socket) => ({ userId: socket.data.userId, socketId: socket.id }));
    store.refresh(entries).catch((error) => log().warn({ err: error }, "realtime: view state refresh failed"));
  }, VIEW_STATE_REFRESH_MS);
  timer.unref();

  io.on("connection", (socket: RealtimeSocket) => {
    const { userId, sessionId } = socket.data;
    onClientEvent(socket, "view:state", async ({ chatId, visible }) => {
      reported.add(socket);
      await store.set(userId, socket.id, { sessionId, chatId, visible });
      return { ok: true };
    });
    socket.on("disconnect", () => {
      if (!reported.delete(socket)) return;
      store.remove(userId, socket.id).catch((error) => log().warn({ err: error }, "realtime: view state removal failed"));
    });
  });
  return () => clearInterval(timer);
}
