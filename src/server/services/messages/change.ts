// Changing a sent message: edit, delete for everyone, delete for me. Each change takes the chat's
// next change-log version (stored on the row, or on the hide) in the transaction that makes it, so
// a device that missed the live event gets it from `message.changes` after reconnecting.
// Retries are idempotent: the same edit, a second deletion or hide changes nothing.
import { env } from "~/env";
import { db, type ChatRole, type ChatType, type Message, type Prisma } from "~/server/db";
import { messageColumns } from "~/server/db/columns";
import { queryIn, sql } from "~/server/db/sql";
import { deleteStoredObjectsIn } from "~/server/jobs/storage-objects";
import { publishToUsers } from "~/server/realtime/publish";
import { AppError } from "~/shared/errors";
import type { MessageDto } from "~/shared/realtime/events";
import { memberIds } from "../core/chat-access";
import { toMessageDtos } from "./dto";
import { bumpChatVersion } from "./sequence";

type Tx = Prisma.TransactionClient;

interface Locked {
  message: Message;
  role: ChatRole;
  chatType: ChatType;
}

const HOUR_MS = 3_600_000;

function messageNotFound(): AppError {
  return new AppError("NOT_FOUND", "Message not found");
}

/** The message row-locked for the change, with the caller's role in its chat; NOT_FOUND for non-members. */
async function lockMessage(tx: Tx, messageId: string, userId: string): Promise<Locked> {
  const [row] = await queryIn<Message & { role: ChatRole | null; chatType: ChatType }>(tx, sql`
    SELECT ${messageColumns("m")}, cm.role, c.type AS "chatType"
    FROM messages m JOIN chats c ON c.id = m.chat_id
    LEFT JOIN chat_members cm ON cm.chat_id = m.chat_id AND cm.user_id = ${userId}::uuid
    WHERE m.id = ${messageId}::uuid FOR UPDATE OF m`);
  if (!row?.role) throw messageNotFound();
  const { role, chatType, ...message } = row;
  return { message, role, chatType };
}

async function nextVersion(tx: Tx, chatId: string): Promise<number> {
  const [bumped] = await queryIn<{ last_version: number }>(tx, bumpChatVersion(chatId));
  return bumped!.last_version;
}

/** Runs `change` in a transaction; a changed message is published to the chat as `message:updated`. */
async function changeMessage(change: (tx: Tx) => Promise<{ message: Message; changed: boolean }>): Promise<MessageDto> {
  const { message, changed } = await db.$transaction(change);
  const [dto] = await toMessageDtos([message]);
  if (changed) await publishToUsers(await memberIds(message.chatId), "message:updated", dto!);
  return dto!;
}

/** Edits the caller's own text (or caption). */
export function editMessage(userId: string, messageId: string, content: string): Promise<MessageDto> {
  return changeMessage(async (tx) => {
    const { message } = await lockMessage(tx, messageId, userId);
    if (message.kind !== "TEXT" || message.senderId !== userId) throw new AppError("FORBIDDEN", "You can only edit your own messages");
    if (message.deletedAt) throw new AppError("BAD_REQUEST", "This message was deleted");
    if (message.content === content) return { message, changed: false };
    const version = await nextVersion(tx, message.chatId);
    const [edited] = await queryIn<Message>(tx, sql`
      UPDATE messages SET content = ${content}, edited_at = now(), version = ${version}
      WHERE id = ${messageId}::uuid RETURNING ${messageColumns("messages")}`);
    return { message: edited!, changed: true };
  });
}

/** Deletes a message for everyone, leaving a tombstone: one's own within MESSAGE_DELETE_WINDOW_HOURS,
 * anyone's in a group one owns or administers. Its files go from storage once this commits. */
export function deleteMessage(userId: string, messageId: string): Promise<MessageDto> {
  return changeMessage(async (tx) => {
    const { message, role, chatType } = await lockMessage(tx, messageId, userId);
    if (message.kind !== "TEXT") throw new AppError("FORBIDDEN", "System messages cannot be deleted");
    if (message.deletedAt) return { message, changed: false };
    const moderator = chatType === "GROUP" && role !== "MEMBER";
    if (!moderator) {
      if (message.senderId !== userId) throw new AppError("FORBIDDEN", "You can only delete your own messages");
      if (Date.now() - message.createdAt.getTime() > env.MESSAGE_DELETE_WINDOW_HOURS * HOUR_MS) {
        throw new AppError("FORBIDDEN", "This message is too old to be deleted for everyone");
      }
    }
    const version = await nextVersion(tx, message.chatId);
    const [deleted] = await queryIn<Message>(tx, sql`
      UPDATE messages SET content = '', deleted_at = now(), version = ${version}
      WHERE id = ${messageId}::uuid RETURNING ${messageColumns("messages")}`);
    // The files go with the message: rows now, objects by the job this transaction enqueues.
    const files = await queryIn<{ storageKey: string; thumbnailKey: string | null }>(tx, sql`
      DELETE FROM attachments WHERE message_id = ${messageId}::uuid RETURNING storage_key AS "storageKey", thumbnail_key AS "thumbnailKey"`);
    const keys = files.flatMap((file) => (file.thumbnailKey ? [file.storageKey, file.thumbnailKey] : [file.storageKey]));
    if (keys.length) await deleteStoredObjectsIn(tx, keys);
    return { message: deleted!, changed: true };
  });
}

/** Hides a message for the caller only ("delete for me"); their other devices are told. */
export async function hideMessage(userId: string, messageId: string): Promise<{ chatId: string; messageId: string }> {
  const { chatId, hidden } = await db.$transaction(async (tx) => {
    const { message } = await lockMessage(tx, messageId, userId);
    const [held] = await queryIn<{ version: number }>(tx, sql`
      SELECT version FROM message_hides WHERE user_id = ${userId}::uuid AND message_id = ${messageId}::uuid`);
    if (held) return { chatId: message.chatId, hidden: false };
    const version = await nextVersion(tx, message.chatId);
    await queryIn(tx, sql`
      INSERT INTO message_hides (user_id, message_id, chat_id, version) VALUES (${userId}::uuid, ${messageId}::uuid, ${message.chatId}::uuid, ${version})`);
    return { chatId: message.chatId, hidden: true };
  });
  if (hidden) await publishToUsers([userId], "message:hidden", { chatId, messageId });
  return { chatId, messageId };
}
