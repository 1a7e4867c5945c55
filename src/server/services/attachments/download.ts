// Who may read an attachment: the current members of the chat its message is in, or its uploader
// while it is in no message yet. Anyone else, a deleted message and a guessed id get NOT_FOUND.
// Readers get a signed URL valid for minutes; types a browser could run are served as downloads.
import type { z } from "zod";
import { attachmentColumns } from "~/server/db/columns";
import { query, sql } from "~/server/db/sql";
import { contentHeaders } from "~/server/media/content-headers";
import { getStorage } from "~/server/storage";
import { AppError } from "~/shared/errors";
import type { ZAttachmentVariant } from "~/shared/schemas/attachment";
import type { AttachmentRow } from "./dto";

/** Lifetime of a download URL, in seconds. */
const DOWNLOAD_TTL_SECONDS = 5 * 60;

/** When to ask again for an image still being processed (the job usually takes well under a second). */
const PROCESSING_RETRY_SECONDS = 2;

type AttachmentVariant = z.output<typeof ZAttachmentVariant>;

export interface DownloadRequest {
  attachmentId: string;
  variant: AttachmentVariant;
  /** A "Save" action: `attachment` even for an image shown inline. */
  forceDownload?: boolean;
}

function attachmentNotFound(): AppError {
  return new AppError("NOT_FOUND", "File not found");
}

/** The attachment if `userId` may read it, else NOT_FOUND. One indexed statement. */
async function readableAttachment(userId: string, attachmentId: string): Promise<AttachmentRow> {
  const [row] = await query<AttachmentRow>(sql`
    SELECT ${attachmentColumns("a")} FROM attachments a LEFT JOIN messages msg ON msg.id = a.message_id
    WHERE a.id = ${attachmentId}::uuid AND a.status = 'READY' AND (
      (a.message_id IS NULL AND a.uploader_id = ${userId}::uuid)
      OR (msg.deleted_at IS NULL AND EXISTS (SELECT 1 FROM chat_members m WHERE m.chat_id = msg.chat_id AND m.user_id = ${userId}::uuid))
    )`, "readable-attachment");
  if (!row) throw attachmentNotFound();
  return row;
}

export async function downloadUrl(userId: string, request: DownloadRequest): Promise<{ url: string; expiresAt: string }> {
  const row = await readableAttachment(userId, request.attachmentId);
  const thumbnail = request.variant === "thumbnail";
  if (thumbnail && !row.thumbnailKey) throw attachmentNotFound();
  // Until the job has stripped it, the original may still carry its EXIF (GPS): never served.
  if (row.processing) throw new AppError("ATTACHMENT_PROCESSING", "The image is still being processed: try again in a few seconds", { retryAfter: PROCESSING_RETRY_SECONDS });
  const fileName = thumbnail ? `${row.fileName.replace(/\.[^.]*$/, "")}.webp` : row.fileName;
  const headers = contentHeaders({ fileName, mime: thumbnail ? "image/webp" : row.mimeType, forceDownload: request.forceDownload });
  const expiresAt = new Date(Date.now() + DOWNLOAD_TTL_SECONDS * 1000);
  const url = await getStorage().signedDownloadUrl(thumbnail ? row.thumbnailKey! : row.storageKey, {
    fileName,
    contentType: headers["Content-Type"]!,
    disposition: headers["Content-Disposition"]!.startsWith("inline") ? "inline" : "attachment",
    expiresIn: DOWNLOAD_TTL_SECONDS,
  });
  return { url, expiresAt: expiresAt.toISOString() };
}
