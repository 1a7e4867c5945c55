// Response headers for serving a stored file (by the app's local download route; the s3 driver puts
// the same Content-Type/Content-Disposition into its presigned GET). Inline only for the types the
// media policy marks safe; everything else is an `attachment` typed application/octet-stream, and
// nosniff plus a sandboxing CSP keep a browser from rendering it as a page anyway.
import { DOWNLOAD_CONTENT_TYPE, isInlineSafe } from "./media-policy";

export interface ServedFile {
  /** The user's original file name. */
  fileName: string;
  /** The type detected from the bytes at upload (undefined when unknown). */
  mime: string | undefined;
  /** Ask for a download even of an inline-safe type (a "Save" button). */
  forceDownload?: boolean;
  size?: number;
}

export function contentHeaders(file: ServedFile): Record<string, string> {
  const inline = !file.forceDownload && isInlineSafe(file.mime);
  const headers: Record<string, string> = {
    "Content-Type": inline && file.mime ? file.mime : DOWNLOAD_CONTENT_TYPE,
    "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", file.fileName),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
  };
  if (file.size !== undefined) headers["Content-Length"] = String(file.size);
  return headers;
}

/**
 * `inline|attachment; filename="<ASCII fallback>"; filename*=UTF-8''<RFC 5987 percent-encoding>`.
 * Control characters, path separators and quotes never reach the header.
 */
export function contentDisposition(disposition: "inline" | "attachment", fileName: string): string {
  const clean = sanitizeFileName(fileName);
  const fallback = clean.normalize("NFKD").replace(/[^\x20-\x7e]/g, "").replace(/["\\%]/g, "_").trim() || "download";
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The name without directories, control characters or characters filesystems refuse; never empty. */
export function sanitizeFileName(fileName: string): string {
  const base = fileName.split(/[/\\]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "_").replace(/^\.+/, "").trim().slice(0, 200);
  return cleaned || "download";
}
