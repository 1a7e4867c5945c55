// Read and delivery marks: per member, the highest sequence read / delivered to any of their devices.
// Marks only move forward and never past the chat's last message.
import { query, sql } from "~/server/db/sql";
import { insertJobsSql, withJobQueue } from "~/server/jobs/enqueue-sql";
import { publishToUsers } from "~/server/realtime/publish";
import type { ReceiptUpdate } from "~/shared/realtime/events";
import { memberIds, requireMembership } from "../core/chat-access";

type Kind = "read" | "delivered";

async function advance(kind: Kind, userId: string, chatId: string, seq: number): Promise<ReceiptUpdate> {
  const target = sql`LEAST(${seq}, c.last_seq)`;
  const [set, moves] =
    kind === "read"
      ? [sql`last_read_seq = ${target}, last_delivered_seq = GREATEST(m.last_delivered_seq, ${target})`, sql`m.last_read_seq < ${target}`]
      : [sql`last_delivered_seq = ${target}`, sql`m.last_delivered_seq < ${target}`];
  const moved = sql`
    UPDATE chat_members m SET ${set}
    FROM chats c
    WHERE c.id = m.chat_id AND m.chat_id = ${chatId}::uuid AND m.user_id = ${userId}::uuid AND ${moves}
    RETURNING m.last_read_seq AS "lastReadSeq", m.last_delivered_seq AS "lastDeliveredSeq"`;
  // A read closes the notifications this chat left on the person's devices: a close push, committed
  // with the mark, only when some device was sent one (push_deliveries).
  const statement =
    kind === "read"
      ? sql`WITH moved AS (${moved}), push_job AS (
          ${insertJobsSql("push.send", sql`SELECT json_build_object('type', 'close', 'userId', ${userId}::uuid, 'chatId', ${chatId}::uuid, 'upToSeq', mv."lastReadSeq")::text AS data FROM moved mv
            WHERE EXISTS (SELECT 1 FROM push_deliveries d JOIN push_subscriptions ps ON ps.id = d.subscription_id WHERE ps.user_id = ${userId}::uuid AND d.chat_id = ${chatId}::uuid)`)}
          RETURNING 1
        ) SELECT * FROM moved`
      : moved;
  const rows = await withJobQueue(() => query<{ lastReadSeq: number; lastDeliveredSeq: number }>(statement, `mark-${kind}`));
  const row = rows[0];
  if (!row) {
    // Nothing moved: not a member (NOT_FOUND), or the mark was already there.
    const { lastReadSeq, lastDeliveredSeq } = await requireMembership(chatId, userId);
    return { chatId, userId, lastReadSeq, lastDeliveredSeq };
  }
  const update = { chatId, userId, ...row };
  await publishToUsers(await memberIds(chatId), "receipt:update", update);
  return update;
}

export const markRead = (userId: string, chatId: string, seq: number) => advance("read", userId, chatId, seq);
export const markDelivered = (userId: string, chatId: string, seq: number) => advance("delivered", userId, chatId, seq);
