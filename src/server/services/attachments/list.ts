// A chat's "media and files" view (members only, newest first, paged), and a user's storage use.
import type { z } from "zod";
import { attachmentColumns } from "~/server/db/columns";
import { query, raw, sql, type Sql } from "~/server/db/sql";
import { inlineTypesOf } from "~/server/media/media-policy";
import type { AttachmentDto } from "~/shared/realtime/events";
import type { ZChatAttachmentsInput } from "~/shared/schemas/attachment";
import { requireMembership } from "../core/chat-access";
import { toAttachmentDto, type AttachmentRow } from "./dto";
import { quotaBytes, usedBytes } from "./limits";

export type ChatAttachment = AttachmentDto & { messageId: string; senderId: string | null; createdAt: string };

type ListInput = z.output<typeof ZChatAttachmentsInput>;

const MEDIA_TYPES = [...inlineTypesOf("image"), ...inlineTypesOf("video")];

function filterSql(filter: ListInput["filter"]): Sql {
  if (filter === "voice") return raw("a.purpose = 'VOICE'");
  const media = sql`a.mime_type = ANY(${MEDIA_TYPES}::text[])`;
  return filter === "media" ? sql`a.purpose = 'FILE' AND ${media}` : sql`a.purpose = 'FILE' AND NOT ${media}`;
}

export async function listChatAttachments(userId: string, input: ListInput): Promise<{ items: ChatAttachment[]; nextCursor: string | null }> {
  await requireMembership(input.chatId, userId);
  // Ordered as the timeline is (message, then position within it), so a viewer can step through.
  const after = input.cursor
    ? sql`AND (msg.seq, a.position) < (SELECT cm.seq, ca.position FROM attachments ca JOIN messages cm ON cm.id = ca.message_id WHERE ca.id = ${input.cursor}::uuid AND cm.chat_id = ${input.chatId}::uuid)`
    : raw("");
  const rows = await query<AttachmentRow & { senderId: string | null; sentAt: Date }>(sql`
    SELECT ${attachmentColumns("a")}, msg.sender_id AS "senderId", msg.created_at AS "sentAt"
    FROM attachments a JOIN messages msg ON msg.id = a.message_id
    WHERE msg.chat_id = ${input.chatId}::uuid AND msg.deleted_at IS NULL AND a.status = 'READY' AND ${filterSql(input.filter)} ${after}
    ORDER BY msg.seq DESC, a.position DESC LIMIT ${input.limit + 1}`);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((row) => ({ ...toAttachmentDto(row), messageId: row.messageId!, senderId: row.senderId, createdAt: row.sentAt.toISOString() })),
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null,
  };
}

export async function storageUsage(userId: string): Promise<{ usedBytes: number; quotaBytes: number }> {
  return { usedBytes: await usedBytes(userId), quotaBytes: quotaBytes() };
}
