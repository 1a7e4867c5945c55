// Typing and delivery marks from clients. Typing checks membership through a short cache; a
// non-member gets NOT_FOUND like everywhere else.
import { markDelivered } from "~/server/services/messages/receipts";
import type { Ack } from "~/shared/realtime/events";
import { userRoom } from "~/shared/realtime/rooms";
import type { MembershipCache } from "../membership-cache";
import type { RealtimeIo, RealtimeSocket } from "../types";
import { onClientEvent } from "./client-event";

/** A start is relayed at most this often per socket and chat (clients renew every few seconds); a
 * start that comes sooner after a stop is relayed when the interval is over, if no stop came since
 * (the last state is never lost); a stop only when a start was relayed. So a flood of either relays
 * about one change a second. */
const TYPING_MIN_INTERVAL_MS = 1_000;

export function registerChatEvents(io: RealtimeIo, members: MembershipCache) {
  io.on("connection", (socket: RealtimeSocket) => {
    const { userId } = socket.data;
    /** Chats where this socket's last relayed typing change was a start. */
    const typingIn = new Set<string>();
    const lastStart = new Map<string, number>();
    /** Starts held back until the interval is over (typed again right after a stop). */
    const heldStarts = new Map<string, NodeJS.Timeout>();
    socket.on("disconnect", () => heldStarts.forEach((timer) => clearTimeout(timer)));

    const typing = async (isTyping: boolean, chatId: string): Promise<Ack> => {
      if (isTyping) {
        const wait = TYPING_MIN_INTERVAL_MS - (Date.now() - (lastStart.get(chatId) ?? 0));
        if (wait > 0) {
          // Shown as typing already: a renewal, nothing to relay. Stopped since: relay it later.
          if (!typingIn.has(chatId) && !heldStarts.has(chatId)) {
            heldStarts.set(chatId, setTimeout(() => {
              heldStarts.delete(chatId);
              typing(true, chatId).catch(() => undefined);
            }, wait));
          }
          return { ok: true };
        }
        lastStart.set(chatId, Date.now());
        // Marked before the lookup: a stop arriving meanwhile must still be relayed after it.
        typingIn.add(chatId);
      }
      if (!isTyping) {
        clearTimeout(heldStarts.get(chatId));
        heldStarts.delete(chatId);
      }
      // A stop with no relayed start before it changes nothing: answered, never relayed.
      const relay = isTyping || typingIn.delete(chatId);
      const ids = await members.memberIds(chatId);
      if (!ids.includes(userId)) {
        lastStart.delete(chatId);
        typingIn.delete(chatId);
        return { ok: false, code: "NOT_FOUND" };
      }
      const others = ids.filter((id) => id !== userId).map(userRoom);
      if (relay && others.length) io.to(others).emit("typing:update", { chatId, userId, typing: isTyping });
      return { ok: true };
    };
    onClientEvent(socket, "typing:start", ({ chatId }) => typing(true, chatId));
    onClientEvent(socket, "typing:stop", ({ chatId }) => typing(false, chatId));

    onClientEvent(socket, "message:delivered", async ({ chatId, seq }) => {
      await markDelivered(userId, chatId, seq);
      return { ok: true };
    });
  });
}
