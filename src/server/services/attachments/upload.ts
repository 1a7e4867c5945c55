// Upload slots: createUpload checks membership, the size limit and the quota before any byte is
// sent, and answers where to PUT the bytes (one PUT, or parts for files over the part size).
// Idempotent by (uploader, clientId): after a reload the outbox asks again and gets the same slot,
// with the parts already stored (resume), or no upload at all when it is complete.
import type { z } from "zod";
import { db, type Attachment } from "~/server/db";
import { getStorage } from "~/server/storage";
import { newStorageKey } from "~/server/storage/storage-key";
import type { MultipartUpload, UploadTarget } from "~/server/storage/storage-driver";
import { partCountFor } from "~/server/storage/upload-limits";
import { AppError } from "~/shared/errors";
import type { AttachmentDto } from "~/shared/realtime/events";
import type { ZCreateUploadInput, ZUploadPartInput } from "~/shared/schemas/attachment";
import { requireMembership } from "../core/chat-access";
import { toAttachmentDto } from "./dto";
import { assertFileSize, assertQuota } from "./limits";

export interface TargetDto {
  method: "PUT";
  url: string;
  headers: Record<string, string>;
  /** "form-data": send a multipart/form-data body with the file in the field "file" (UploadThing). */
  body?: "form-data";
  expiresAt: string;
}

type UploadDto =
  | { kind: "single"; target: TargetDto }
  | { kind: "multipart"; partSize: number; partCount: number; uploadedParts: { partNumber: number; etag: string }[] };

export interface UploadSlot {
  attachment: AttachmentDto & { status: "PENDING" | "READY" };
  upload: UploadDto | null;
}

type CreateUploadInput = z.output<typeof ZCreateUploadInput>;

const KEY_PREFIX = { FILE: "files", VOICE: "voice", AVATAR: "avatars" } as const;

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

function toTargetDto(target: UploadTarget): TargetDto {
  return { method: target.method, url: target.url, headers: target.headers, ...(target.body === "form-data" ? { body: "form-data" as const } : {}), expiresAt: target.expiresAt.toISOString() };
}

export async function createUpload(userId: string, input: CreateUploadInput): Promise<UploadSlot> {
  // Avatars belong to no chat: where one is shown is decided when it is set.
  if (input.chatId) await requireMembership(input.chatId, userId);
  const existing = await db.attachment.findUnique({ where: { uploaderId_clientId: { uploaderId: userId, clientId: input.clientId } } });
  if (existing) return slotFor(sameFile(existing, input));

  const storage = getStorage();
  assertFileSize(input.fileName, input.size, storage.maxBytes);
  partCountFor(input.size, storage.partBytes);
  const contentType = MIME.test(input.contentType) ? input.contentType.toLowerCase() : "application/octet-stream";
  let created: Attachment;
  try {
    created = await db.$transaction(async (tx) => {
      await assertQuota(tx, userId, input.size);
      return tx.attachment.create({
        data: {
          uploaderId: userId,
          chatId: input.chatId ?? null,
          clientId: input.clientId,
          purpose: input.purpose,
          storageKey: newStorageKey(KEY_PREFIX[input.purpose]),
          fileName: input.fileName,
          mimeType: contentType,
          size: BigInt(input.size),
        },
      });
    });
  } catch (error) {
    // A racing request for the same clientId won: answer with its slot.
    if ((error as { code?: string }).code !== "P2002") throw error;
    const winner = await db.attachment.findUnique({ where: { uploaderId_clientId: { uploaderId: userId, clientId: input.clientId } } });
    if (!winner) throw error;
    return slotFor(sameFile(winner, input));
  }
  return slotFor(created);
}

/** The stored slot, if it is the same file asked for again; a reused clientId for another file is refused. */
function sameFile(existing: Attachment, input: CreateUploadInput): Attachment {
  if (existing.chatId !== (input.chatId ?? null) || Number(existing.size) !== input.size || existing.purpose !== input.purpose) {
    throw new AppError("BAD_REQUEST", "This upload id was already used for another file", { field: "clientId" });
  }
  return existing;
}

async function slotFor(row: Attachment): Promise<UploadSlot> {
  const attachment = { ...toAttachmentDto(row), status: row.status };
  if (row.status === "READY") return { attachment, upload: null };
  const storage = getStorage();
  const size = Number(row.size);
  if (size <= storage.partBytes) {
    return { attachment, upload: { kind: "single", target: toTargetDto(await storage.createUpload(row.storageKey, { size, contentType: row.mimeType, fileName: row.fileName })) } };
  }
  const { upload, started } = await multipartOf(row);
  // A resumed upload is told which parts already arrived; a new one has none.
  const uploadedParts = started ? [] : (await storage.listParts(upload)).map(({ partNumber, etag }) => ({ partNumber, etag }));
  return { attachment, upload: { kind: "multipart", partSize: upload.partSize, partCount: upload.partCount, uploadedParts } };
}

/** The multipart upload a row's id names. */
export function multipartUploadOf(row: Pick<Attachment, "storageKey" | "size">, uploadId: string): MultipartUpload {
  const { partBytes } = getStorage();
  const size = Number(row.size);
  return { key: row.storageKey, uploadId, size, partSize: partBytes, partCount: partCountFor(size, partBytes) };
}

/** The slot's multipart upload, started on first use (its id is kept on the row for resuming). */
async function multipartOf(row: Attachment): Promise<{ upload: MultipartUpload; started: boolean }> {
  if (row.uploadId) return { upload: multipartUploadOf(row, row.uploadId), started: false };
  const upload = await getStorage().startMultipart(row.storageKey, { size: Number(row.size), contentType: row.mimeType });
  const claimed = await db.attachment.updateMany({ where: { id: row.id, uploadId: null }, data: { uploadId: upload.uploadId } });
  if (claimed.count === 1) return { upload, started: true };
  // Another request started one first: keep theirs.
  await getStorage().abortMultipart(upload).catch(() => undefined);
  return multipartOf(await db.attachment.findUniqueOrThrow({ where: { id: row.id } }));
}

/** The uploader's own upload still in progress, or NOT_FOUND. */
export async function pendingUploadOf(userId: string, attachmentId: string): Promise<Attachment> {
  const row = await db.attachment.findFirst({ where: { id: attachmentId, uploaderId: userId } });
  if (!row) throw new AppError("NOT_FOUND", "Upload not found");
  return row;
}

export async function uploadPart(userId: string, input: z.output<typeof ZUploadPartInput>): Promise<{ target: TargetDto }> {
  const row = await pendingUploadOf(userId, input.attachmentId);
  if (row.status !== "PENDING") throw new AppError("BAD_REQUEST", "This upload is already complete");
  if (Number(row.size) <= getStorage().partBytes) throw new AppError("BAD_REQUEST", "This file uploads in one PUT, not in parts");
  const { upload } = await multipartOf(row);
  return { target: toTargetDto(await getStorage().presignPart(upload, input.partNumber)) };
}

/** Cancels an upload that is in no message yet: its stored bytes and parts are removed. Idempotent. */
export async function abortUpload(userId: string, attachmentId: string): Promise<{ ok: true }> {
  const row = await db.attachment.findFirst({ where: { id: attachmentId, uploaderId: userId } });
  if (!row) return { ok: true };
  if (row.messageId) throw new AppError("BAD_REQUEST", "This file is already in a message");
  const removed = await db.attachment.deleteMany({ where: { id: row.id, messageId: null } });
  if (removed.count === 0) throw new AppError("BAD_REQUEST", "This file is already in a message");
  await removeStoredFiles(row);
  return { ok: true };
}

/** Deletes the row's objects (original, thumbnail, unfinished parts); missing ones are fine. */
export async function removeStoredFiles(row: Pick<Attachment, "storageKey" | "thumbnailKey" | "uploadId" | "size">): Promise<void> {
  const storage = getStorage();
  if (row.uploadId) await storage.abortMultipart(multipartUploadOf(row, row.uploadId)).catch(() => undefined);
  await storage.delete(row.storageKey);
  if (row.thumbnailKey) await storage.delete(row.thumbnailKey);
}
