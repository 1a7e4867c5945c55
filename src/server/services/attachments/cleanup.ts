// Deleting uploads that will never be shown: the orphans (uploaded, never sent in a message) and a
// deleted account's unsent uploads and avatars. Rows go in a transaction that also enqueues the
// deletion of their stored objects (a retried job): a send that claims an upload at the same moment
// either locks it first (and the purge skips it) or finds it gone, never a message whose file is gone.
import { env } from "~/env";
import { db } from "~/server/db";
import { queryIn, raw, sql, type RawQueryClient, type Sql } from "~/server/db/sql";
import { deleteStoredObjectsIn } from "~/server/jobs/storage-objects";
import { getStorage } from "~/server/storage";
import { LocalStorageDriver } from "~/server/storage/local/local-driver";

interface RemovedUpload {
  storageKey: string;
  thumbnailKey: string | null;
  uploadId: string | null;
  size: number;
}

const removedColumns = raw(`storage_key AS "storageKey", thumbnail_key AS "thumbnailKey", upload_id AS "uploadId", size::float8 AS size`);

/** Rows deleted per transaction, and transactions per run (the next run carries on). */
const BATCH = 500;
const MAX_BATCHES = 40;

/** An avatar stays while a person or a group shows it (by its path, avatar.ts). */
const notAnAvatarInUse = raw(`(a.purpose <> 'AVATAR' OR NOT (
  EXISTS (SELECT 1 FROM users u WHERE u.avatar_url = '/api/avatars/' || a.id::text)
  OR EXISTS (SELECT 1 FROM chats c WHERE c.avatar_url = '/api/avatars/' || a.id::text)))`);

/** The `attachments.purge-orphans` job: uploads never sent nor in use as an avatar, older than ATTACHMENT_ORPHAN_HOURS. */
export async function purgeOrphanAttachments(orphanHours = env.ATTACHMENT_ORPHAN_HOURS): Promise<{ removed: number; staleUploadDirs: number }> {
  const maxAgeMs = orphanHours * 3_600_000;
  const cutoff = new Date(Date.now() - maxAgeMs);
  let removed = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const count = await db.$transaction((tx) =>
      deleteAttachmentsIn(
        tx,
        sql`SELECT a.id FROM attachments a WHERE a.message_id IS NULL AND a.created_at < ${cutoff.toISOString()}::timestamp AND ${notAnAvatarInUse}
            ORDER BY a.created_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      ),
    );
    removed += count;
    if (count < BATCH) break;
  }
  // Parts and temporary files of uploads that were never finished (no row names them any more).
  const storage = getStorage();
  const staleUploadDirs = storage instanceof LocalStorageDriver ? await storage.removeStaleUploads(maxAgeMs) : 0;
  return { removed, staleUploadDirs };
}

/** Account deletion: the person's uploads not in any message (unsent files, avatars) go with it. */
export async function deleteUnsentAttachmentsIn(tx: RawQueryClient, uploaderId: string): Promise<void> {
  await deleteAttachmentsIn(tx, sql`SELECT id FROM attachments WHERE uploader_id = ${uploaderId}::uuid AND message_id IS NULL FOR UPDATE`);
}

/** Deletes the rows `ids` selects and enqueues the deletion of their objects, both in `tx`. */
export async function deleteAttachmentsIn(tx: RawQueryClient, ids: Sql): Promise<number> {
  const rows = await queryIn<RemovedUpload>(tx, sql`DELETE FROM attachments WHERE id IN (${ids}) RETURNING ${removedColumns}`);
  if (rows.length === 0) return 0;
  const keys = rows.flatMap((row) => (row.thumbnailKey ? [row.storageKey, row.thumbnailKey] : [row.storageKey]));
  const uploads = rows.flatMap(({ storageKey, uploadId, size }) => (uploadId ? [{ key: storageKey, uploadId, size }] : []));
  await deleteStoredObjectsIn(tx, keys, uploads);
  return rows.length;
}
