// Completing an upload: the stored bytes are checked (size as announced, type from the magic
// bytes; the browser's claim is ignored) and the attachment becomes READY to be sent. Images get
// their pixel size from the header here (so the client reserves space) and are marked `processing`:
// the `attachments.process-image` job, enqueued in the same transaction, strips their metadata and
// makes the thumbnail (./process-image.ts). Avatars stay synchronous: small, bounded, needed at once.
import { Readable } from "node:stream";
import type { z } from "zod";
import { db, type Attachment } from "~/server/db";
import { enqueueIn } from "~/server/jobs/enqueue";
import { detectStreamType, readStreamHead } from "~/server/media/detect-type";
import { makeSquareAvatar, readImageSize } from "~/server/media/image-processing";
import { canThumbnail, DOWNLOAD_CONTENT_TYPE, isInlineSafe, mediaKind } from "~/server/media/media-policy";
import { getStorage } from "~/server/storage";
import { newStorageKey } from "~/server/storage/storage-key";
import { AppError } from "~/shared/errors";
import type { AttachmentDto } from "~/shared/realtime/events";
import type { ZCompleteUploadInput } from "~/shared/schemas/attachment";
import { toAttachmentDto } from "./dto";
import { multipartUploadOf, pendingUploadOf, removeStoredFiles } from "./upload";

type CompleteInput = z.output<typeof ZCompleteUploadInput>;

/** Browsers record voice into WebM, Ogg or MP4 containers, whose magic bytes say "video" even without a picture. */
const VOICE_CONTAINERS: Record<string, string> = { "video/webm": "audio/webm", "video/ogg": "audio/ogg", "video/mp4": "audio/mp4" };

/** What a completed upload stores (also what the image job rewrites, without `processing`). */
export interface Processed {
  storageKey: string;
  size: number;
  mimeType: string;
  thumbnailKey: string | null;
  width: number | null;
  height: number | null;
  /** An image left to the process-image job. */
  processing: boolean;
}

/** Enough of the start of an image for its header (JPEG EXIF segments come before the frame size). */
const IMAGE_HEAD_BYTES = 1024 * 1024;

export async function completeUpload(userId: string, input: CompleteInput): Promise<AttachmentDto> {
  const row = await pendingUploadOf(userId, input.attachmentId);
  if (row.status === "READY") return toAttachmentDto(row);
  const storage = getStorage();
  if (row.uploadId) {
    const upload = multipartUploadOf(row, row.uploadId);
    await storage.completeMultipart(upload, input.parts ?? (await storage.listParts(upload)));
    await db.attachment.update({ where: { id: row.id }, data: { uploadId: null } });
    row.uploadId = null;
  }
  const stored = await storage.stat(row.storageKey);
  if (!stored) throw new AppError("BAD_REQUEST", "The file has not been uploaded yet");
  if (stored.size !== Number(row.size)) {
    await storage.delete(row.storageKey);
    throw new AppError("BAD_REQUEST", `The upload has ${stored.size} bytes, not the ${Number(row.size)} announced: upload it again`);
  }
  let processed: Processed;
  try {
    processed = await processStored(row);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // A racing complete finished first (and replaced the object this one was reading).
    const current = await pendingUploadOf(userId, row.id).catch(() => null);
    if (current?.status === "READY") return toAttachmentDto(current);
    // Bytes that cannot be accepted are not kept: the slot and its files go.
    await db.attachment.deleteMany({ where: { id: row.id, status: "PENDING" } });
    await removeStoredFiles(row);
    throw error;
  }
  const voice = row.purpose === "VOICE";
  const data = {
    ...processed,
    size: BigInt(processed.size),
    status: "READY" as const,
    completedAt: new Date(),
    durationMs: voice ? (input.durationMs ?? null) : null,
    waveform: voice && input.waveform ? Buffer.from(input.waveform) : null,
  };
  // Conditional on PENDING: of two completes racing, one wins and the other drops what it made.
  // The image job is enqueued in the same transaction, so a READY image always has its job.
  const claimed = await db.$transaction(async (tx) => {
    const { count } = await tx.attachment.updateMany({ where: { id: row.id, status: "PENDING" }, data });
    if (count > 0 && processed.processing) await enqueueIn(tx, "attachments.process-image", { attachmentId: row.id });
    return count > 0;
  });
  const made = [processed.storageKey, processed.thumbnailKey].filter((key): key is string => key !== null && key !== row.storageKey);
  if (!claimed) {
    await Promise.all(made.map((key) => storage.delete(key)));
    return toAttachmentDto(await pendingUploadOf(userId, row.id));
  }
  if (processed.storageKey !== row.storageKey) await storage.delete(row.storageKey);
  return toAttachmentDto(await db.attachment.findUniqueOrThrow({ where: { id: row.id } }));
}

async function processStored(row: Attachment): Promise<Processed> {
  const storage = getStorage();
  const detected = await detectStreamType(await storage.read(row.storageKey));
  const plain: Processed = { storageKey: row.storageKey, size: Number(row.size), mimeType: detected?.mime ?? DOWNLOAD_CONTENT_TYPE, thumbnailKey: null, width: null, height: null, processing: false };
  if (row.purpose === "VOICE") {
    const mime = detected && (VOICE_CONTAINERS[detected.mime] ?? detected.mime);
    if (mediaKind(mime) !== "audio") throw new AppError("BAD_REQUEST", "The file's contents do not match an allowed type: a voice message must be an audio recording");
    return { ...plain, mimeType: mime! };
  }
  if (row.purpose === "AVATAR") return squareAvatar(row, detected?.mime);
  if (!detected || !canThumbnail(detected.mime)) return plain;
  try {
    return { ...plain, ...(await imageSizeOf(row.storageKey)), processing: true };
  } catch (error) {
    // Download-only images (TIFF, HEIC) libvips cannot read stay plain files; a shown image must be readable.
    if (error instanceof AppError && !isInlineSafe(detected.mime)) return plain;
    throw error;
  }
}

/** The pixel size from the image's header; the whole file only when the header is not in its first MiB. */
async function imageSizeOf(storageKey: string): Promise<{ width: number; height: number }> {
  const storage = getStorage();
  try {
    return await readImageSize(await readStreamHead(await storage.read(storageKey), IMAGE_HEAD_BYTES));
  } catch (error) {
    if (error instanceof AppError && error.code === "PAYLOAD_TOO_LARGE") throw error;
    return readImageSize(await storage.read(storageKey));
  }
}

/** Avatar edge in pixels: the stored avatar replaces the upload (2× the largest avatar shown, 96 CSS px). */
const AVATAR_EDGE = 256;

/** Avatars keep only a square WebP made from the upload; anything but an inline-safe image is refused. */
async function squareAvatar(row: Attachment, mime: string | undefined): Promise<Processed> {
  // Any image libvips decodes (also TIFF, HEIC): what is stored and served is the WebP made from it.
  if (!canThumbnail(mime)) {
    throw new AppError("BAD_REQUEST", "The file's contents do not match an allowed type: an avatar must be an image (JPEG, PNG, WebP, GIF, AVIF, HEIC)");
  }
  const storage = getStorage();
  const avatar = await makeSquareAvatar(await storage.read(row.storageKey), AVATAR_EDGE);
  const storageKey = newStorageKey("avatars");
  await storage.write(storageKey, Readable.from([avatar.data]), { contentType: avatar.contentType });
  return { storageKey, size: avatar.data.length, mimeType: avatar.contentType, thumbnailKey: null, width: AVATAR_EDGE, height: AVATAR_EDGE, processing: false };
}
