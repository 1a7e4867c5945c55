// Which file types the app may show inline (in an <img>, <audio>, <video>) and which are only ever
// downloaded. Decided from the type detected in the bytes (detect-type.ts), never from the name or
// the browser's claim. Anything a browser could execute or render as a document (HTML, SVG, XML,
// JavaScript, PDF, unknown text) is download-only.

export type MediaKind = "image" | "audio" | "video" | "file";

const INLINE_IMAGES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"]);
const INLINE_AUDIO = new Set(["audio/mpeg", "audio/ogg", "audio/opus", "audio/wav", "audio/x-wav", "audio/webm", "audio/aac", "audio/mp4", "audio/x-m4a", "audio/flac", "audio/x-flac"]);
const INLINE_VIDEO = new Set(["video/mp4", "video/webm", "video/ogg", "video/quicktime"]);
/** Images sharp can thumbnail with its prebuilt libvips (no SVG: it is never rendered on the server). */
const THUMBNAIL_IMAGES = new Set([...INLINE_IMAGES, "image/tiff", "image/heic", "image/heif"]);

export const DOWNLOAD_CONTENT_TYPE = "application/octet-stream";

export function mediaKind(mime: string | undefined): MediaKind {
  if (!mime) return "file";
  if (INLINE_IMAGES.has(mime)) return "image";
  if (INLINE_AUDIO.has(mime)) return "audio";
  if (INLINE_VIDEO.has(mime)) return "video";
  return "file";
}

/** True when the type may be served `inline` under its own Content-Type. */
export function isInlineSafe(mime: string | undefined): boolean {
  return mediaKind(mime) !== "file";
}

/** The types shown inline as `kind` (a "media" filter in SQL). */
export function inlineTypesOf(kind: "image" | "video"): string[] {
  return [...(kind === "image" ? INLINE_IMAGES : INLINE_VIDEO)];
}

export function canThumbnail(mime: string | undefined): boolean {
  return !!mime && THUMBNAIL_IMAGES.has(mime);
}
