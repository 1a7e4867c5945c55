// The file's type from its first bytes (file-type's magic numbers), never from its name.
// Text formats (HTML, SVG, XML, JS, plain text) have no reliable signature: they come back as
// undefined and are treated as unknown, download-only files.
import { fileTypeFromBuffer } from "file-type";
import { mediaKind, type MediaKind } from "./media-policy";

/** How many leading bytes detection needs (file-type reads at most this far for most formats). */
const DETECT_BYTES = 4100;

export interface DetectedType {
  mime: string;
  ext: string;
  kind: MediaKind;
}

export async function detectType(firstBytes: Uint8Array): Promise<DetectedType | undefined> {
  const found = await fileTypeFromBuffer(firstBytes);
  if (!found) return undefined;
  return { mime: found.mime, ext: found.ext, kind: mediaKind(found.mime) };
}

/** Up to `maxBytes` from the start of a stream, then releases the stream. */
export async function readStreamHead(stream: AsyncIterable<Buffer> & { destroy(): void }, maxBytes: number): Promise<Buffer> {
  const head: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      head.push(chunk);
      length += chunk.length;
      if (length >= maxBytes) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(head).subarray(0, maxBytes);
}

/** Detects the type of a stored file from the start of its stream, then releases the stream. */
export async function detectStreamType(stream: AsyncIterable<Buffer> & { destroy(): void }): Promise<DetectedType | undefined> {
  return detectType(await readStreamHead(stream, DETECT_BYTES));
}
