// Who may see a chat: members only. Anyone else gets NOT_FOUND, so chat ids don't leak.
import { db, type ChatMember, type Chat } from "~/server/db";
import { query, sql } from "~/server/db/sql";
import { AppError } from "~/shared/errors";

export function chatNotFound(): AppError {
  return new AppError("NOT_FOUND", "Chat not found");
}

/** The caller's membership with its chat, or NOT_FOUND. */
export async function requireMembership(chatId: string, userId: string): Promise<ChatMember & { chat: Chat }> {
  const member = await db.chatMember.findUnique({ where: { chatId_userId: { chatId, userId } }, include: { chat: true } });
  if (!member) throw chatNotFound();
  return member;
}

export async function memberIds(chatId: string): Promise<string[]> {
  const rows = await query<{ userId: string }>(sql`SELECT user_id AS "userId" FROM chat_members WHERE chat_id = ${chatId}::uuid`, "member-ids");
  return rows.map((row) => row.userId);
}

/** Whether two users share at least one chat (presence and profile visibility). */
export async function shareAChat(userId: string, otherId: string): Promise<boolean> {
  const rows = await query<{ one: number }>(sql`
    SELECT 1 AS one FROM chat_members a JOIN chat_members b ON a.chat_id = b.chat_id
    WHERE a.user_id = ${userId}::uuid AND b.user_id = ${otherId}::uuid LIMIT 1`);
  return rows.length > 0;
}

/** Everyone who shares a chat with the user (whom their presence concerns). */
export async function chatPartnerIds(userId: string): Promise<string[]> {
  const rows = await query<{ user_id: string }>(sql`
    SELECT DISTINCT b.user_id FROM chat_members a JOIN chat_members b ON a.chat_id = b.chat_id
    WHERE a.user_id = ${userId}::uuid AND b.user_id <> ${userId}::uuid`);
  return rows.map((row) => row.user_id);
}
