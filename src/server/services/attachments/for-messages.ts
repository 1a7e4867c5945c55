// What messages need of attachments: the files of a set of messages (one query), and the SQL that
// attaches uploads to a message inside message.send's single statement.
import { attachmentColumns } from "~/server/db/columns";
import { query, sql, type Sql } from "~/server/db/sql";
import type { AttachmentDto } from "~/shared/realtime/events";
import { toAttachmentDto, type AttachmentRow } from "./dto";

/** The attachments of each message, in their order; messages without any are absent. */
export async function attachmentsOfMessages(messageIds: readonly string[]): Promise<Map<string, AttachmentDto[]>> {
  const byMessage = new Map<string, AttachmentDto[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await query<AttachmentRow>(sql`
    SELECT ${attachmentColumns("a")} FROM attachments a
    WHERE a.message_id = ANY(${messageIds}::uuid[]) ORDER BY a.message_id, a.position`, "attachments-of-messages");
  for (const row of rows) {
    const list = byMessage.get(row.messageId!) ?? [];
    list.push(toAttachmentDto(row));
    byMessage.set(row.messageId!, list);
  }
  return byMessage;
}

/**
 * SQL for message.send's statement. `attachable` locks the uploads that may go into the sender's
 * message (ready, theirs, for this chat, in no message yet, a file or a voice recording): the row
 * locks make a second message racing for the same upload wait, then find it taken. `attachOk` is
 * true when every id qualified; `attach` (run only after the insert) links them in the given order.
 */
export function attachmentStatements(senderId: string, chatId: string, attachmentIds: readonly string[]) {
  const ids = sql`${attachmentIds}::uuid[]`;
  const attachable: Sql = sql`SELECT a.id FROM attachments a
    WHERE a.id = ANY(${ids}) AND a.uploader_id = ${senderId}::uuid AND a.chat_id = ${chatId}::uuid
      AND a.message_id IS NULL AND a.status = 'READY' AND a.purpose IN ('FILE', 'VOICE')
    FOR UPDATE`;
  const attachOk: Sql = sql`(SELECT count(*) FROM attachable) = ${attachmentIds.length}`;
  /** Needs the statement's `inserted` CTE (the new message). */
  const attach: Sql = sql`UPDATE attachments a SET message_id = i.id, position = array_position(${ids}, a.id) - 1
    FROM inserted i WHERE a.id IN (SELECT id FROM attachable)`;
  return { attachable, attachOk, attach };
}
