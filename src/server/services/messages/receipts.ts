// Read and delivery marks: per member, the highest sequence read / delivered to any of their devices.
// Marks only move forward and never past the chat's last message.
import { query, sql } from "~/server/db/sql";
import { publishToUsers } from "~/server/realtime/publish";
import type { ReceiptUpdate } from "~/shared/realtime/events";
import { chatNotFound, memberIds } from "../chats/membership";

type Kind = "read" | "delivered";

async function advance(kind: Kind, userId: string, chatId: string, seq: number): Promise<ReceiptUpdate> {
  const rows =
    kind === "read"
      ? await query<{ last_read_seq: number; last_delivered_seq: number }>(sql`
          UPDATE chat_members m
          SET last_read_seq = LEAST(${seq}, c.last_seq),
              last_delivered_seq = GREATEST(m.last_delivered_seq, LEAST(${seq}, c.last_seq))
          FROM chats c
          WHERE c.id = m.chat_id AND m.chat_id = ${chatId}::uuid AND m.user_id = ${userId}::uuid
            AND m.last_read_seq < LEAST(${seq}, c.last_seq)
          RETURNING m.last_read_seq, m.last_delivered_seq`, "mark-read")
      : await query<{ last_read_seq: number; last_delivered_seq: number }>(sql`
          UPDATE chat_members m
          SET last_delivered_seq = LEAST(${seq}, c.last_seq)
          FROM chats c
          WHERE c.id = m.chat_id AND m.chat_id = ${chatId}::uuid AND m.user_id = ${userId}::uuid
            AND m.last_delivered_seq < LEAST(${seq}, c.last_seq)
          RETURNING m.last_read_seq, m.last_delivered_seq`, "mark-delivered");
  const row = rows[0];
  if (!row) {
    // Nothing moved: not a member (NOT_FOUND), or the mark was already there.
    const [member] = await query<{ lastReadSeq: number; lastDeliveredSeq: number }>(sql`
      SELECT last_read_seq AS "lastReadSeq", last_delivered_seq AS "lastDeliveredSeq" FROM chat_members WHERE chat_id = ${chatId}::uuid AND user_id = ${userId}::uuid`);
    if (!member) throw chatNotFound();
    return { chatId, userId, ...member };
  }
  const update = { chatId, userId, lastReadSeq: row.last_read_seq, lastDeliveredSeq: row.last_delivered_seq };
  await publishToUsers(await memberIds(chatId), "receipt:update", update);
  return update;
}

export const markRead = (userId: string, chatId: string, seq: number) => advance("read", userId, chatId, seq);
export const markDelivered = (userId: string, chatId: string, seq: number) => advance("delivered", userId, chatId, seq);
