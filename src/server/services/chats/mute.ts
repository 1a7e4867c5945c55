// Per-chat mute: no push notifications from the chat until `mutedUntil` (far future: for good).
import { db } from "~/server/db";
import type { TChatMuteDuration } from "~/shared/schemas/push";
import { requireMembership } from "../core/chat-access";

const HOUR = 60 * 60 * 1000;
const DURATION_MS = { "1h": HOUR, "8h": 8 * HOUR, "1w": 7 * 24 * HOUR } as const;
/** "Forever" is a date no one will reach. */
const FOREVER = new Date("9999-12-31T00:00:00Z");

export async function muteChat(userId: string, chatId: string, duration: TChatMuteDuration): Promise<{ mutedUntil: Date | null }> {
  await requireMembership(chatId, userId);
  const mutedUntil = duration === null ? null : duration === "forever" ? FOREVER : new Date(Date.now() + DURATION_MS[duration]);
  await db.chatMember.update({ where: { chatId_userId: { chatId, userId } }, data: { mutedUntil } });
  return { mutedUntil };
}
