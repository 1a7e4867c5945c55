// Column lists that give plain-SQL rows the shape of Prisma's models (field names, not column
// names), so hot paths can return the same `User` and `Message` objects the ORM would.
import { raw, type Sql } from "./sql";

function columns(fields: Record<string, string>) {
  return (alias: string): Sql => raw(Object.entries(fields).map(([field, column]) => `${alias}.${column} AS "${field}"`).join(", "));
}

export const userColumns = columns({
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
  twoFactorEnabled: "two_factor_enabled",
  emailVerifiedAt: "email_verified_at",
  createdAt: "created_at",
  updatedAt: "updated_at",
  lastSeenAt: "last_seen_at",
  deletedAt: "deleted_at",
});

export const messageColumns = columns({
  id: "id",
  chatId: "chat_id",
  seq: "seq",
  senderId: "sender_id",
  clientId: "client_id",
  kind: "kind",
  content: "content",
  systemData: "system_data",
  replyToId: "reply_to_id",
  attachmentId: "attachment_id",
  createdAt: "created_at",
  editedAt: "edited_at",
  deletedAt: "deleted_at",
});
