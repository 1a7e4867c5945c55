// Server-side image work with sharp (libvips): thumbnails and a copy of the image without its
// metadata. Input is a stream, a path or bytes; libvips decodes with shrink-on-load where the
// format allows, and refuses images over 100 megapixels (`limitInputPixels`) instead of
// exhausting memory. Only formats media-policy.ts lets through (`canThumbnail`) should come here.
import type { Readable } from "node:stream";
import sharp, { type Sharp } from "sharp";
import { AppError } from "~/shared/errors";

const MAX_INPUT_PIXELS = 100_000_000;
const THUMBNAIL_MAX_EDGE = 320;

export type ImageInput = Readable | string | Buffer;

export interface Thumbnail {
  /** The original's displayed size (EXIF orientation applied), so the client can reserve space. */
  width: number;
  height: number;
  thumbnail: { data: Buffer; width: number; height: number; contentType: "image/webp" };
}

function pipelineFor(input: ImageInput, animated = false): Sharp {
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" as const, animated };
  if (typeof input === "string" || Buffer.isBuffer(input)) return sharp(input, options);
  const image = sharp(options);
  input.once("error", (error) => image.destroy(error));
  input.pipe(image);
  return image;
}

function asAppError(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) throw new AppError("PAYLOAD_TOO_LARGE", `Image is larger than ${MAX_INPUT_PIXELS / 1e6} megapixels`);
  if (/unsupported image format|corrupt|premature end|bad seek|read error|VipsJpeg|vipspng|libpng|pngload|Input buffer/i.test(message)) {
    throw new AppError("BAD_REQUEST", `Not a readable image: ${message}`);
  }
  throw error;
}

/**
 * The displayed size (EXIF orientation applied) read from the image's header only, without decoding
 * pixels; an image over the pixel limit is refused as the decoder would refuse it.
 */
export async function readImageSize(input: ImageInput): Promise<{ width: number; height: number }> {
  try {
    const { autoOrient } = await pipelineFor(input).metadata();
    if (autoOrient.width * autoOrient.height > MAX_INPUT_PIXELS) throw new Error("Input image exceeds pixel limit");
    return { width: autoOrient.width, height: autoOrient.height };
  } catch (error) {
    return asAppError(error);
  }
}

/** Original dimensions and a WebP thumbnail of at most `maxEdge` px on its long side, without metadata. */
export async function makeThumbnail(input: ImageInput, maxEdge = THUMBNAIL_MAX_EDGE): Promise<Thumbnail> {
  const image = pipelineFor(input);
  try {
    const [metadata, output] = await Promise.all([
      image.clone().metadata(),
      // autoOrient applies the EXIF rotation; sharp writes no metadata unless asked to keep it.
      image.clone().autoOrient().resize(maxEdge, maxEdge, { fit: "inside", withoutEnlargement: true }).webp({ quality: 75 }).toBuffer({ resolveWithObject: true }),
    ]);
    const { width, height } = metadata.autoOrient;
    return { width, height, thumbnail: { data: output.data, width: output.info.width, height: output.info.height, contentType: "image/webp" } };
  } catch (error) {
    return asAppError(error);
  }
}

/**
 * The image re-encoded in its own format with all metadata (EXIF with GPS, XMP, IPTC, comments)
 * removed and the EXIF orientation applied to the pixels. Returns a stream to pipe into
 * `StorageDriver.write`. Memory: JPEG/PNG/WebP decode sequentially, so memory follows the image's
 * width rather than its height; applying a 90°/270° orientation needs random access, so libvips then
 * holds the decoded image (bounded by `limitInputPixels`). Animated GIF/WebP keep their frames.
 * Re-encoding is lossy for JPEG/WebP (quality 90). Stream errors surface on the returned stream.
 */
const ENCODERS: Record<string, (image: Sharp) => Sharp> = {
  "image/jpeg": (image) => image.jpeg({ quality: 90, mozjpeg: true }),
  "image/png": (image) => image.png(),
  "image/webp": (image) => image.webp({ quality: 90 }),
  "image/gif": (image) => image.gif(),
  "image/avif": (image) => image.avif({ quality: 60 }),
};

export function stripMetadata(input: ImageInput, mime: string): Readable {
  const encode = ENCODERS[mime];
  if (!encode) throw new AppError("BAD_REQUEST", `Cannot re-encode ${mime}`);
  const animated = mime === "image/gif" || mime === "image/webp";
  return encode(pipelineFor(input, animated).autoOrient());
}

/** An avatar: the image's centre as a `edge`×`edge` WebP (the client already cropped it square), without metadata. */
export async function makeSquareAvatar(input: ImageInput, edge: number): Promise<{ data: Buffer; contentType: "image/webp" }> {
  try {
    const data = await pipelineFor(input).autoOrient().resize(edge, edge, { fit: "cover", position: "centre" }).webp({ quality: 82 }).toBuffer();
    return { data, contentType: "image/webp" };
  } catch (error) {
    return asAppError(error);
  }
}
