// Attachments as the browser sees them: the kind to show, decided from the stored bytes' type.
import type { Attachment } from "~/server/db";
import { mediaKind } from "~/server/media/media-policy";
import type { AttachmentDto, AttachmentKind } from "~/shared/realtime/events";

/** A row from Prisma or from plain SQL (where pg reads a BIGINT as a string). */
export type AttachmentRow = Omit<Attachment, "size"> & { size: bigint | string | number };

const KIND_OF_MEDIA = { image: "IMAGE", video: "VIDEO", audio: "AUDIO", file: "FILE" } as const;

function attachmentKind(purpose: Attachment["purpose"], mimeType: string): AttachmentKind {
  return purpose === "VOICE" ? "VOICE" : KIND_OF_MEDIA[mediaKind(mimeType)];
}

export function toAttachmentDto(row: AttachmentRow): AttachmentDto {
  return {
    id: row.id,
    kind: attachmentKind(row.purpose, row.mimeType),
    fileName: row.fileName,
    mimeType: row.mimeType,
    size: Number(row.size),
    width: row.width,
    height: row.height,
    durationMs: row.durationMs,
    waveform: row.waveform ? [...row.waveform] : null,
    hasThumbnail: row.thumbnailKey !== null,
    processing: row.processing,
  };
}
