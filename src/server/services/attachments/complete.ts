// Completing an upload: the stored bytes are checked (size as announced, type from the magic
// bytes; the browser's claim is ignored), images are re-encoded without their metadata (EXIF, GPS)
// and get a thumbnail and their pixel size, and the attachment becomes READY to be sent.
import { Readable } from "node:stream";
import type { z } from "zod";
import { db, type Attachment } from "~/server/db";
import { detectStreamType } from "~/server/media/detect-type";
import { makeSquareAvatar, makeThumbnail, stripMetadata } from "~/server/media/image-processing";
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

interface Processed {
  storageKey: string;
  size: number;
  mimeType: string;
  thumbnailKey: string | null;
  width: number | null;
  height: number | null;
}

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
  // Conditional on PENDING: of two completes racing, one wins and the other drops what it made.
  const claimed = await db.attachment.updateMany({
    where: { id: row.id, status: "PENDING" },
    data: {
      ...processed,
      size: BigInt(processed.size),
      status: "READY",
      completedAt: new Date(),
      durationMs: voice ? (input.durationMs ?? null) : null,
      waveform: voice && input.waveform ? Buffer.from(input.waveform) : null,
    },
  });
  const made = [processed.storageKey, processed.thumbnailKey].filter((key): key is string => key !== null && key !== row.storageKey);
  if (claimed.count === 0) {
    await Promise.all(made.map((key) => storage.delete(key)));
    return toAttachmentDto(await pendingUploadOf(userId, row.id));
  }
  if (processed.storageKey !== row.storageKey) await storage.delete(row.storageKey);
  return toAttachmentDto(await db.attachment.findUniqueOrThrow({ where: { id: row.id } }));
}

async function processStored(row: Attachment): Promise<Processed> {
  const storage = getStorage();
  const detected = await detectStreamType(await storage.read(row.storageKey));
  const plain: Processed = { storageKey: row.storageKey, size: Number(row.size), mimeType: detected?.mime ?? DOWNLOAD_CONTENT_TYPE, thumbnailKey: null, width: null, height: null };
  if (row.purpose === "VOICE") {
    const mime = detected && (VOICE_CONTAINERS[detected.mime] ?? detected.mime);
    if (mediaKind(mime) !== "audio") throw new AppError("BAD_REQUEST", "The file's contents do not match an allowed type: a voice message must be an audio recording");
    return { ...plain, mimeType: mime! };
  }
  if (row.purpose === "AVATAR") return squareAvatar(row, detected?.mime);
  if (!detected || !canThumbnail(detected.mime)) return plain;
  if (!isInlineSafe(detected.mime)) return withThumbnailIfReadable(plain);
  // The thumbnail first: it also proves the image decodes within the pixel limit.
  const previewed = await withThumbnail(plain);
  // Shown inline, so stored without metadata: re-encoded into a new object (the original is deleted once READY).
  const cleanKey = newStorageKey("files");
  try {
    const clean = await storage.write(cleanKey, stripMetadata(await storage.read(row.storageKey), detected.mime), { contentType: detected.mime });
    return { ...previewed, storageKey: cleanKey, size: clean.size };
  } catch (error) {
    await Promise.all([storage.delete(cleanKey), storage.delete(previewed.thumbnailKey!)]);
    throw error;
  }
}

async function withThumbnail(file: Processed): Promise<Processed> {
  const storage = getStorage();
  const { width, height, thumbnail } = await makeThumbnail(await storage.read(file.storageKey));
  const thumbnailKey = newStorageKey("thumbs");
  await storage.write(thumbnailKey, Readable.from([thumbnail.data]), { contentType: thumbnail.contentType });
  return { ...file, thumbnailKey, width, height };
}

/** Download-only images (TIFF, HEIC): a preview when libvips can read them, else a plain file. */
async function withThumbnailIfReadable(file: Processed): Promise<Processed> {
  try {
    return await withThumbnail(file);
  } catch (error) {
    if (error instanceof AppError) return file;
    throw error;
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
  return { storageKey, size: avatar.data.length, mimeType: avatar.contentType, thumbnailKey: null, width: AVATAR_EDGE, height: AVATAR_EDGE };
}
