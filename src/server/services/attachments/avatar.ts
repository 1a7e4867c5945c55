// Uploaded avatars: an AVATAR upload (a square WebP made at complete) becomes a person's or a
// group's avatar by storing its stable path, `/api/avatars/<id>`, in `users.avatar_url` or
// `chats.avatar_url`. The previous uploaded avatar is deleted (row now, objects by a job enqueued in
// the same transaction). The route serves an avatar to whoever may see where it is used.
import type { Readable } from "node:stream";
import { query, queryIn, sql, type RawQueryClient } from "~/server/db/sql";
import { getStorage } from "~/server/storage";
import { AppError } from "~/shared/errors";
import { liveUserSql } from "../core/person";
import { deleteAttachmentsIn } from "./cleanup";

const AVATAR_PATH = /^\/api\/avatars\/([0-9a-f-]{36})$/i;

export function avatarPath(attachmentId: string): string {
  return `/api/avatars/${attachmentId}`;
}

/** The attachment id of an uploaded avatar's path; null for an https URL or no avatar. */
function uploadedAvatarId(url: string | null): string | null {
  return url?.match(AVATAR_PATH)?.[1] ?? null;
}

/**
 * Locks the caller's READY avatar upload that is nobody's avatar yet and returns its path; anything
 * else (someone else's upload, a file, a pending one, one already in use) is refused.
 */
export async function claimAvatarIn(tx: RawQueryClient, uploaderId: string, attachmentId: string): Promise<string> {
  const path = avatarPath(attachmentId);
  const rows = await queryIn<{ id: string }>(
    tx,
    sql`SELECT a.id FROM attachments a
        WHERE a.id = ${attachmentId}::uuid AND a.uploader_id = ${uploaderId}::uuid AND a.purpose = 'AVATAR' AND a.status = 'READY'
          AND NOT EXISTS (SELECT 1 FROM users u WHERE u.avatar_url = ${path})
          AND NOT EXISTS (SELECT 1 FROM chats c WHERE c.avatar_url = ${path})
        FOR UPDATE OF a`,
  );
  if (rows.length === 0) throw new AppError("BAD_REQUEST", "This image cannot be used as an avatar: upload it again", { field: "attachmentId" });
  return path;
}

/** When `previous` was an uploaded avatar, deletes it in `tx` (its objects once `tx` commits). */
export async function dropReplacedAvatarIn(tx: RawQueryClient, previous: string | null): Promise<void> {
  const id = uploadedAvatarId(previous);
  if (id) await deleteAttachmentsIn(tx, sql`SELECT id FROM attachments WHERE id = ${id}::uuid AND purpose = 'AVATAR' FOR UPDATE`);
}

interface StoredAvatar {
  size: number;
  mimeType: string;
  body: () => Promise<Readable>;
}

/**
 * The avatar, if `viewerId` may see it: its uploader, anyone signed in for a live person's avatar
 * (profiles are public to signed-in users), a member for a group's. Null for everyone else.
 */
export async function readableAvatar(viewerId: string, attachmentId: string): Promise<StoredAvatar | null> {
  const path = avatarPath(attachmentId);
  const [row] = await query<{ storageKey: string; size: number; mimeType: string }>(
    sql`SELECT a.storage_key AS "storageKey", a.size::float8 AS size, a.mime_type AS "mimeType" FROM attachments a
        WHERE a.id = ${attachmentId}::uuid AND a.purpose = 'AVATAR' AND a.status = 'READY' AND (
          a.uploader_id = ${viewerId}::uuid
          OR EXISTS (SELECT 1 FROM users u WHERE u.avatar_url = ${path} AND ${liveUserSql("u")})
          OR EXISTS (SELECT 1 FROM chats c JOIN chat_members m ON m.chat_id = c.id AND m.user_id = ${viewerId}::uuid WHERE c.avatar_url = ${path}))`,
    "avatar-access",
  );
  if (!row) return null;
  return { size: row.size, mimeType: row.mimeType, body: () => getStorage().read(row.storageKey) };
}
