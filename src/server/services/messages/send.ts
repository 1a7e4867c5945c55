// Sending a message. Idempotent by (sender, clientId): the outbox may resend after a reconnect,
// a reload or a lost answer, and gets the stored message back instead of a duplicate.
//
// The hot path is one prepared SQL statement and no interactive transaction: it checks membership
// and blocks, bumps `chats.last_seq` (row-locking the chat, so concurrent senders to one chat queue
// there), inserts the message with that sequence and marks it read and delivered for the sender.
// A single statement is atomic: when a check fails nothing is written; when the insert hits the
// unique (sender, client id) — a resend — the sequence bump rolls back and the stored message is
// looked up. Resends are rare, so they, not every send, pay the extra query.
// With attachments, the same statement locks and checks the uploads and links them to the message
// (nothing is stored when one cannot be attached); only then is one more query run, to read them.
import type { z } from "zod";
import type { Message } from "~/server/db";
import { messageColumns } from "~/server/db/columns";
import { query, raw, sql } from "~/server/db/sql";
import { publishToUsers } from "~/server/realtime/publish";
import { insertJobsSql, withJobQueue } from "~/server/jobs/enqueue-sql";
import { AppError } from "~/shared/errors";
import type { MessageDto } from "~/shared/realtime/events";
import type { ZSendMessageInput } from "~/shared/schemas/chat";
import { assertNoBlock, hasBlocked } from "../core/blocks";
import { chatNotFound } from "../core/chat-access";
import { attachmentStatements } from "../attachments/for-messages";
import { toMessageDto, toMessageDtos } from "./dto";
import { bumpChatSeq } from "./sequence";

export interface SendResult {
  message: MessageDto;
  /** False when this was a resend of a message already stored. */
  created: boolean;
}

const memberColumn = raw("m.user_id");

interface SendRow extends Partial<Message> {
  isMember: boolean | null;
  blockedByYou: boolean | null;
  blockedByThem: boolean | null;
  replyOk: boolean;
  attachOk: boolean;
  recipients: string[] | null;
}

export async function sendMessage(senderId: string, input: z.output<typeof ZSendMessageInput>): Promise<SendResult> {
  const { chatId, clientId, content } = input;
  const replyToId = input.replyToId ?? null;
  const sender = sql`${senderId}::uuid`;
  const withFiles = input.attachmentIds.length > 0;
  const files = attachmentStatements(senderId, chatId, input.attachmentIds);
  let row: SendRow;
  try {
    const rows = await withJobQueue(() => query<SendRow>(sql`
      WITH members AS (
        -- Members, and for a direct chat whether a block stands between the sender and the other.
        SELECT m.user_id,
          (c.type = 'DIRECT' AND ${hasBlocked(memberColumn, sender)}) AS blocks_sender,
          (c.type = 'DIRECT' AND ${hasBlocked(sender, memberColumn)}) AS blocked_by_sender
        FROM chat_members m JOIN chats c ON c.id = m.chat_id
        WHERE m.chat_id = ${chatId}::uuid
      ), verdict AS (
        SELECT bool_or(user_id = ${senderId}::uuid) AS is_member, bool_or(blocked_by_sender) AS blocked_by_you,
          bool_or(blocks_sender) AS blocked_by_them, array_agg(user_id::text) AS recipients
        FROM members
      ), reply AS (
        SELECT ${replyToId}::uuid IS NULL OR EXISTS (SELECT 1 FROM messages r WHERE r.id = ${replyToId}::uuid AND r.chat_id = ${chatId}::uuid AND r.deleted_at IS NULL) AS ok
      ), attachable AS (
        ${withFiles ? files.attachable : sql`SELECT NULL::uuid AS id WHERE false`}
      ), bumped AS (
        ${bumpChatSeq(chatId, sql`AND (SELECT is_member AND NOT blocked_by_you AND NOT blocked_by_them FROM verdict) AND (SELECT ok FROM reply) AND ${withFiles ? files.attachOk : sql`true`}`)}
      ), inserted AS (
        INSERT INTO messages (id, chat_id, seq, version, sender_id, client_id, kind, content, reply_to_id)
        SELECT gen_random_uuid(), ${chatId}::uuid, last_seq, last_version, ${senderId}::uuid, ${clientId}::uuid, 'TEXT', ${content}, ${replyToId}::uuid FROM bumped
        RETURNING *
      ), marked AS (
        -- One's own message counts as read and delivered for oneself.
        UPDATE chat_members m SET last_read_seq = GREATEST(m.last_read_seq, i.seq), last_delivered_seq = GREATEST(m.last_delivered_seq, i.seq)
        FROM inserted i WHERE m.chat_id = ${chatId}::uuid AND m.user_id = ${senderId}::uuid
      ), attached AS (
        ${withFiles ? files.attach : sql`SELECT 1`}
      ), push_job AS (
        -- The push job commits with the message; only when some other member could get a push.
        ${insertJobsSql("push.send", sql`SELECT json_build_object('type', 'message', 'messageId', i.id)::text AS data FROM inserted i
          WHERE EXISTS (SELECT 1 FROM chat_members pm JOIN push_subscriptions ps ON ps.user_id = pm.user_id
            WHERE pm.chat_id = ${chatId}::uuid AND pm.user_id <> ${senderId}::uuid AND (pm.muted_until IS NULL OR pm.muted_until <= now()))`)}
        RETURNING 1
      )
      SELECT v.is_member AS "isMember", v.blocked_by_you AS "blockedByYou", v.blocked_by_them AS "blockedByThem",
        (SELECT ok FROM reply) AS "replyOk", ${withFiles ? files.attachOk : sql`true`} AS "attachOk", v.recipients, i.*
      FROM verdict v LEFT JOIN (SELECT ${messageColumns("inserted")} FROM inserted) i ON true`,
      withFiles ? undefined : "send-message",
    ));
    row = rows[0]!;
  } catch (error) {
    // A resend of a stored message (or a racing copy of it): the statement rolled back whole, and
    // the stored one is the answer.
    if (isClientIdRace(error)) {
      const stored = await findResend(senderId, input.clientId, input.chatId);
      if (stored) return { message: stored, created: false };
    }
    throw error;
  }
  if (row.id === null || row.id === undefined) {
    // Refused. A resend of what was stored before the refusal (removed since, blocked since) still
    // gets its stored message back: the outbox must be able to finish.
    const stored = await findResend(senderId, input.clientId, input.chatId);
    if (stored) return { message: stored, created: false };
  }
  if (!row.isMember) throw chatNotFound();
  assertNoBlock({ blockedByMe: row.blockedByYou === true, blockedMe: row.blockedByThem === true });
  if (!row.replyOk) throw new AppError("BAD_REQUEST", "The replied message is not in this chat or was deleted", { field: "replyToId" });
  if (!row.attachOk) throw new AppError("BAD_REQUEST", "This file cannot be attached", { field: "attachmentIds" });
  if (row.id === null || row.id === undefined) throw new Error("sendMessage: the message was not stored");

  // Files and reply quotes take one more query each; a plain text message none.
  const [message] = withFiles || replyToId ? await toMessageDtos([row as Message]) : [toMessageDto(row as Message)];
  await publishToUsers(row.recipients ?? [], "message:new", message!);
  return { message: message!, created: true };
}

/** A unique violation (23505) on (sender_id, client_id): a racing copy of this message won. */
function isClientIdRace(error: unknown): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError.code === "23505" && (pgError.constraint ?? "").includes("client");
}

export async function findResend(senderId: string, clientId: string, chatId: string): Promise<MessageDto | null> {
  const rows = await query<Message>(sql`
    SELECT ${messageColumns("m")} FROM messages m WHERE m.sender_id = ${senderId}::uuid AND m.client_id = ${clientId}::uuid`, "find-resend");
  const message = rows[0];
  if (!message) return null;
  if (message.chatId !== chatId) throw new AppError("BAD_REQUEST", "This message id was already used in another chat", { field: "clientId" });
  return (await toMessageDtos([message]))[0]!;
}
