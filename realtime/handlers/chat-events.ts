// Typing and delivery marks from clients. Membership is checked on every event (no cache, so a
// removed member is refused at once); a non-member gets NOT_FOUND like everywhere else.
import { AppError } from "~/shared/errors";
import { memberIds } from "~/server/services/chats/membership";
import { markDelivered } from "~/server/services/messages/receipts";
import { ZReceiptInput, ZTypingInput } from "~/shared/schemas/chat";
import type { Ack } from "~/shared/realtime/events";
import { userRoom } from "~/shared/realtime/rooms";
import type { RealtimeIo, RealtimeSocket } from "../types";

/** Typing is relayed at most this often per socket and chat (clients renew every few seconds). */
const TYPING_MIN_INTERVAL_MS = 1_000;

function reply(ack: ((result: Ack) => void) | undefined, result: Ack) {
  if (typeof ack === "function") ack(result);
}

export function registerChatEvents(io: RealtimeIo) {
  io.on("connection", (socket: RealtimeSocket) => {
    const { userId } = socket.data;
    const lastTyping = new Map<string, number>();

    const typing = (isTyping: boolean) => async (payload: unknown, ack?: (result: Ack) => void) => {
      const parsed = ZTypingInput.safeParse(payload);
      if (!parsed.success) return reply(ack, { ok: false, code: "BAD_REQUEST" });
      const { chatId } = parsed.data;
      if (isTyping) {
        const last = lastTyping.get(chatId) ?? 0;
        if (Date.now() - last < TYPING_MIN_INTERVAL_MS) return reply(ack, { ok: true });
        lastTyping.set(chatId, Date.now());
      } else {
        lastTyping.delete(chatId);
      }
      try {
        const ids = await memberIds(chatId);
        if (!ids.includes(userId)) return reply(ack, { ok: false, code: "NOT_FOUND" });
        const others = ids.filter((id) => id !== userId).map(userRoom);
        if (others.length) io.to(others).emit("typing:update", { chatId, userId, typing: isTyping });
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
