// The `attachments.process-image` job: an image completed by ./complete.ts is re-encoded without its
// metadata (EXIF, GPS) into a new object that replaces the original, and gets a WebP thumbnail. Until
// then it is `processing` and not served. Idempotent: a run that finds it processed (or gone) does
// nothing, and a run whose UPDATE loses drops what it made. Failures are retried by pg-boss with
// backoff; an image libvips cannot read (or, on the last attempt, any failure) leaves it a plain
// download-only file, so it is never stuck. Once processed, the chat of its message (if sent) is told.
import { Readable } from "node:stream";
import { db, type Attachment } from "~/server/db";
import { attachmentColumns } from "~/server/db/columns";
import { queryIn, sql } from "~/server/db/sql";
import { deleteStoredObjectsIn } from "~/server/jobs/storage-objects";
import { detectStreamType } from "~/server/media/detect-type";
import { makeThumbnail, stripMetadata } from "~/server/media/image-processing";
import { DOWNLOAD_CONTENT_TYPE, isInlineSafe } from "~/server/media/media-policy";
import { log } from "~/server/ops/logger";
import { publishToUsers } from "~/server/realtime/publish";
import { getStorage } from "~/server/storage";
import { newStorageKey } from "~/server/storage/storage-key";
import { AppError } from "~/shared/errors";
import { memberIds } from "../core/chat-access";
import type { Processed } from "./complete";
import { toAttachmentDto, type AttachmentRow } from "./dto";

type Variants = Omit<Processed, "processing">;

/** `final`: pg-boss will not retry after this attempt. */
export async function processImage(attachmentId: string, attempt: { final: boolean }): Promise<void> {
  const row = await db.attachment.findUnique({ where: { id: attachmentId } });
  if (!row || row.status !== "READY" || !row.processing) return;
  let made: Variants;
  try {
    made = await makeVariants(row);
  } catch (error) {
    if (!(error instanceof AppError) && !attempt.final) throw error;
    log().warn({ attachmentId, err: error }, "attachments: image not processed, kept as a download-only file");
    made = { storageKey: row.storageKey, size: Number(row.size), mimeType: DOWNLOAD_CONTENT_TYPE, thumbnailKey: null, width: row.width, height: row.height };
  }
  const updated = await db.$transaction(async (tx) => {
    // message.send's attaching UPDATE locks this row too: whichever commits second sees the other
    // (this UPDATE waits for the send and RETURNs its message_id; a later send reads the processed row).
    const [current] = await queryIn<AttachmentRow>(tx, sql`
      UPDATE attachments SET storage_key = ${made.storageKey}, size = ${made.size}, mime_type = ${made.mimeType},
        thumbnail_key = ${made.thumbnailKey}, width = ${made.width}, height = ${made.height}, processing = false
      WHERE id = ${row.id}::uuid AND status = 'READY' AND processing
      RETURNING ${attachmentColumns("attachments")}`);
    // The unstripped original goes with the change that stops pointing at it.
    if (current && made.storageKey !== row.storageKey) await deleteStoredObjectsIn(tx, [row.storageKey]);
    return current;
  });
  if (!updated) {
    // Another run finished first, or the upload was dropped meanwhile.
    await Promise.all([made.storageKey, made.thumbnailKey].filter((key) => key !== null && key !== row.storageKey).map((key) => getStorage().delete(key!)));
    return;
  }
  if (updated.messageId && updated.chatId) {
    await publishToUsers(await memberIds(updated.chatId), "attachment:ready", { chatId: updated.chatId, messageId: updated.messageId, attachment: toAttachmentDto(updated) });
  }
}

/** Shown images: a metadata-free copy and a thumbnail. Download-only ones (TIFF, HEIC): a thumbnail if readable. */
async function makeVariants(row: Attachment): Promise<Variants> {
  const storage = getStorage();
  const mime = (await detectStreamType(await storage.read(row.storageKey)))?.mime ?? DOWNLOAD_CONTENT_TYPE;
  const plain: Variants = { storageKey: row.storageKey, size: Number(row.size), mimeType: mime, thumbnailKey: null, width: row.width, height: row.height };
  if (!isInlineSafe(mime)) {
    try {
      return { ...plain, ...(await storeThumbnail(row.storageKey)) };
    } catch (error) {
      if (error instanceof AppError) return plain;
      throw error;
    }
  }
  // The thumbnail first: it also proves the image decodes within the pixel limit.
  const preview = await storeThumbnail(row.storageKey);
  const cleanKey = newStorageKey("files");
  try {
    const clean = await storage.write(cleanKey, stripMetadata(await storage.read(row.storageKey), mime), { contentType: mime });
    return { ...plain, ...preview, storageKey: cleanKey, size: clean.size };
  } catch (error) {
    await Promise.all([storage.delete(cleanKey), storage.delete(preview.thumbnailKey)]);
    throw error;
  }
}

async function storeThumbnail(storageKey: string): Promise<{ thumbnailKey: string; width: number; height: number }> {
  const storage = getStorage();
  const { width, height, thumbnail } = await makeThumbnail(await storage.read(storageKey));
  const thumbnailKey = newStorageKey("thumbs");
  await storage.write(thumbnailKey, Readable.from([thumbnail.data]), { contentType: thumbnail.contentType });
  return { thumbnailKey, width, height };
}
