// Messages as the browser and the sidecar see them (ISO dates, so one shape serves tRPC and sockets).
import type { Message } from "~/server/db";
import { query, sql } from "~/server/db/sql";
import type { AttachmentDto, MessageDto, ReplyPreview, SystemEvent } from "~/shared/realtime/events";
import { attachmentsOfMessages } from "../attachments/for-messages";

const REPLY_SNIPPET_LENGTH = 100;

export function toMessageDto(message: Message, attachments: AttachmentDto[] = [], replyTo: ReplyPreview | null = null): MessageDto {
  return {
    id: message.id,
    chatId: message.chatId,
    seq: message.seq,
    senderId: message.senderId,
    clientId: message.clientId,
    kind: message.kind,
    content: message.deletedAt ? "" : message.content,
    system: (message.systemData as SystemEvent | null) ?? null,
    replyToId: message.replyToId,
    replyTo: message.replyToId ? replyTo : null,
    attachments: message.deletedAt ? [] : attachments,
    createdAt: message.createdAt.toISOString(),
    editedAt: message.editedAt?.toISOString() ?? null,
    deletedAt: message.deletedAt?.toISOString() ?? null,
    version: message.version,
  };
}

/** Messages with their attachments and reply quotes (one more indexed query each, for the whole list). */
export async function toMessageDtos(messages: Message[]): Promise<MessageDto[]> {
  const sent = messages.filter((message) => message.kind === "TEXT" && !message.deletedAt).map((message) => message.id);
  const [files, quotes] = await Promise.all([attachmentsOfMessages(sent), replyPreviews(messages)]);
  return messages.map((message) => toMessageDto(message, files.get(message.id), quotes.get(message.replyToId ?? "")));
}

/** The quotes of the messages these reply to, by id. */
async function replyPreviews(messages: Message[]): Promise<Map<string, ReplyPreview>> {
  const ids = [...new Set(messages.flatMap((message) => (message.replyToId && !message.deletedAt ? [message.replyToId] : [])))];
  if (ids.length === 0) return new Map();
  const [rows, files] = await Promise.all([
    query<{ id: string; senderId: string | null; snippet: string; deleted: boolean }>(sql`
      SELECT r.id, r.sender_id AS "senderId", CASE WHEN r.deleted_at IS NULL THEN left(r.content, ${REPLY_SNIPPET_LENGTH}) ELSE '' END AS snippet,
        r.deleted_at IS NOT NULL AS deleted
      FROM messages r WHERE r.id = ANY(${ids}::uuid[])`),
    attachmentsOfMessages(ids),
  ]);
  return new Map(rows.map((row) => [row.id, { ...row, attachmentKind: row.deleted ? null : (files.get(row.id)?.[0]?.kind ?? null) }]));
}
