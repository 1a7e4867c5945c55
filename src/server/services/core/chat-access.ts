// Who may see a chat: members only. Anyone else gets NOT_FOUND, so chat ids don't leak.
import { db, type ChatRole, type ChatType } from "~/server/db";
import { query, sql } from "~/server/db/sql";
import { AppError } from "~/shared/errors";
import { directChatKey } from "./pair";

export function chatNotFound(): AppError {
  return new AppError("NOT_FOUND", "Chat not found");
}

export interface Membership {
  role: ChatRole;
  lastReadSeq: number;
  lastDeliveredSeq: number;
  mutedUntil: Date | null;
  chat: { id: string; type: ChatType; title: string | null; avatarUrl: string | null; lastSeq: number; lastVersion: number };
}

/** The caller's membership with its chat, or NOT_FOUND. One indexed statement: it runs on every
 * chat open, history page and group change. */
export async function requireMembership(chatId: string, userId: string): Promise<Membership> {
  const [row] = await query<Omit<Membership, "chat"> & { type: ChatType; title: string | null; avatarUrl: string | null; lastSeq: number; lastVersion: number }>(sql`
    SELECT m.role, m.last_read_seq AS "lastReadSeq", m.last_delivered_seq AS "lastDeliveredSeq", m.muted_until AS "mutedUntil",
      c.type, c.title, c.avatar_url AS "avatarUrl", c.last_seq AS "lastSeq", c.last_version AS "lastVersion"
    FROM chat_members m JOIN chats c ON c.id = m.chat_id
    WHERE m.chat_id = ${chatId}::uuid AND m.user_id = ${userId}::uuid`, "membership");
  if (!row) throw chatNotFound();
  const { type, title, avatarUrl, lastSeq, lastVersion, ...member } = row;
  return { ...member, chat: { id: chatId, type, title, avatarUrl, lastSeq, lastVersion } };
}

/** The two people's direct chat, if they have one. */
export async function findDirectChatId(a: string, b: string): Promise<string | null> {
  return (await db.chat.findUnique({ where: { directKey: directChatKey(a, b) }, select: { id: true } }))?.id ?? null;
}

/** Everyone in the chat (the audience of its events; the sidecar caches it for typing). */
export async function memberIds(chatId: string): Promise<string[]> {
  const rows = await query<{ userId: string }>(sql`SELECT user_id AS "userId" FROM chat_members WHERE chat_id = ${chatId}::uuid`, "member-ids");
  return rows.map((row) => row.userId);
}

/** Everyone who shares a chat with the user (whom their presence concerns). */
export async function chatPartnerIds(userId: string): Promise<string[]> {
  const rows = await query<{ userId: string }>(sql`
    SELECT DISTINCT b.user_id AS "userId" FROM chat_members a JOIN chat_members b ON a.chat_id = b.chat_id
    WHERE a.user_id = ${userId}::uuid AND b.user_id <> ${userId}::uuid`);
  return rows.map((row) => row.userId);
}
