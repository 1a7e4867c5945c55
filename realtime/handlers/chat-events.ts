// Typing and delivery marks from clients. Typing checks membership through a short cache; a
// non-member gets NOT_FOUND like everywhere else.
import { AppError } from "~/shared/errors";
import { markDelivered } from "~/server/services/messages/receipts";
import { ZReceiptInput, ZTypingInput } from "~/shared/schemas/chat";
import type { Ack } from "~/shared/realtime/events";
import { userRoom } from "~/shared/realtime/rooms";
import type { MembershipCache } from "../membership-cache";
import type { RealtimeIo, RealtimeSocket } from "../types";

/** A start is relayed at most this often per socket and chat (clients renew every few seconds); a
 * start that comes sooner after a stop is relayed when the interval is over, if no stop came since
 * (the last state is never lost); a stop only when a start was relayed. So a flood of either relays
 * about one change a second. */
const TYPING_MIN_INTERVAL_MS = 1_000;

function reply(ack: ((result: Ack) => void) | undefined, result: Ack) {
  if (typeof ack === "function") ack(result);
}

export function registerChatEvents(io: RealtimeIo, members: MembershipCache) {
  io.on("connection", (socket: RealtimeSocket) => {
    const { userId } = socket.data;
    /** Chats where this socket's last relayed typing change was a start. */
    const typingIn = new Set<string>();
    const lastStart = new Map<string, number>();
    /** Starts held back until the interval is over (typed again right after a stop). */
    const heldStarts = new Map<string, NodeJS.Timeout>();
    socket.on("disconnect", () => heldStarts.forEach((timer) => clearTimeout(timer)));

    const typing = (isTyping: boolean) => async (payload: unknown, ack?: (result: Ack) => void) => {
      const parsed = ZTypingInput.safeParse(payload);
      if (!parsed.success) return reply(ack, { ok: false, code: "BAD_REQUEST" });
      const { chatId } = parsed.data;
      if (isTyping) {
        const wait = TYPING_MIN_INTERVAL_MS - (Date.now() - (lastStart.get(chatId) ?? 0));
        if (wait > 0) {
          // Shown as typing already: a renewal, nothing to relay. Stopped since: relay it later.
          if (!typingIn.has(chatId) && !heldStarts.has(chatId)) {
            heldStarts.set(chatId, setTimeout(() => {
              heldStarts.delete(chatId);
              void typing(true)(payload);
            }, wait));
          }
          return reply(ack, { ok: true });
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
      try {
        const ids = await members.memberIds(chatId);
        if (!ids.includes(userId)) {
          lastStart.delete(chatId);
          typingIn.delete(chatId);
          return reply(ack, { ok: false, code: "NOT_FOUND" });
        }
        const others = ids.filter((id) => id !== userId).map(userRoom);
        if (relay && others.length) io.to(others).emit("typing:update", { chatId, userId, typing: isTyping });
        reply(ack, { ok: true });
      } catch {
        reply(ack, { ok: false, code: "INTERNAL" });
      }
    };
    socket.on("typing:start", typing(true));
    socket.on("typing:stop", typing(false));

    socket.on("message:delivered", async (payload, ack) => {
      const parsed = ZReceiptInput.safeParse(payload);
      if (!parsed.success) return reply(ack, { ok: false, code: "BAD_REQUEST" });
      try {
        await markDelivered(userId, parsed.data.chatId, parsed.data.seq);
        reply(ack, { ok: true });
      } catch (error) {
        reply(ack, { ok: false, code: error instanceof AppError ? error.code : "INTERNAL" });
      }
    });
  });
}
