// The app's stable addresses of a stored file: each answers with a redirect to a short-lived signed
// URL, and 404 to anyone who may not see the file (so they can sit in img/audio src and links).
import type { AttachmentDto } from "~/shared/realtime/events";

export function attachmentUrl(id: string, variant: "original" | "thumbnail" = "original"): string {
  return `/api/attachments/${encodeURIComponent(id)}/${variant}`;
}

/** Saved with its original name (Content-Disposition: attachment). */
export function downloadUrl(id: string): string {
  return `${attachmentUrl(id)}?download=1`;
}

export function previewUrl(attachment: AttachmentDto): string {
  return attachmentUrl(attachment.id, attachment.hasThumbnail ? "thumbnail" : "original");
}

/** Shown as a picture (or a video frame) in the timeline and the media view. */
export function isVisual(attachment: AttachmentDto): boolean {
  return attachment.kind === "IMAGE" || attachment.kind === "VIDEO";
}

/** "PDF", "ZIP": the extension, or the subtype of the MIME type. */
export function typeLabel(attachment: AttachmentDto): string {
  const extension = /\.([a-z0-9]{1,8})$/i.exec(attachment.fileName)?.[1];
  return (extension ?? attachment.mimeType.split("/").pop() ?? "").toUpperCase();
}

/** "0:07", "12:45", "1:02:03". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** The box an image is shown in before it loads: its own aspect ratio within the bounds. */
export function fitBox(width: number | null, height: number | null, maxWidth: number, maxHeight: number): { width: number; height: number } {
  if (!width || !height) return { width: maxWidth, height: Math.round(maxWidth * 0.75) };
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return { width: Math.max(80, Math.round(width * scale)), height: Math.max(60, Math.round(height * scale)) };
}
