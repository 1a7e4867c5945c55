// Column lists that give plain-SQL rows the shape of Prisma's models (field names, not column
// names), so hot paths can return the same `User` and `Message` objects the ORM would. Each list
// names every field of the generated model and no other: a schema change that adds, drops or
// renames a field fails the typecheck here.
import type { Attachment, Message, User } from "./generated/client";
import { raw, type Sql } from "./sql";

function columns<Model>(fields: { [Field in keyof Model]-?: string }) {
  return (alias: string): Sql => raw(Object.entries<string>(fields).map(([field, column]) => `${alias}.${column} AS "${field}"`).join(", "));
}

export const userColumns = columns<User>({
  id: "id",
  username: "username",
  email: "email",
  pendingEmail: "pending_email",
  passwordHash: "password_hash",
  displayName: "display_name",
  searchName: "search_name",
  bio: "bio",
  avatarUrl: "avatar_url",
  role: "role",
  banned: "banned",
  bannedAt: "banned_at",
  locale: "locale",
  lastSeenVisibility: "last_seen_visibility",
  messagePolicy: "message_policy",
  groupInvitePolicy: "group_invite_policy",
  pushPreview: "push_preview",
  twoFactorEnabled: "two_factor_enabled",
  emailVerifiedAt: "email_verified_at",
  createdAt: "created_at",
  updatedAt: "updated_at",
  lastSeenAt: "last_seen_at",
  deletedAt: "deleted_at",
});

export const messageColumns = columns<Message>({
  id: "id",
  chatId: "chat_id",
  seq: "seq",
  senderId: "sender_id",
  clientId: "client_id",
  kind: "kind",
  content: "content",
  systemData: "system_data",
  replyToId: "reply_to_id",
  createdAt: "created_at",
  editedAt: "edited_at",
  deletedAt: "deleted_at",
  version: "version",
});

export const attachmentColumns = columns<Attachment>({
  id: "id",
  uploaderId: "uploader_id",
  chatId: "chat_id",
  messageId: "message_id",
  position: "position",
  clientId: "client_id",
  purpose: "purpose",
  status: "status",
  storageKey: "storage_key",
  thumbnailKey: "thumbnail_key",
  uploadId: "upload_id",
  fileName: "file_name",
  mimeType: "mime_type",
  size: "size",
  width: "width",
  height: "height",
  durationMs: "duration_ms",
  waveform: "waveform",
  createdAt: "created_at",
  completedAt: "completed_at",
  processing: "processing",
});
