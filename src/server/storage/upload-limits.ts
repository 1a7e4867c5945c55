// Size rules shared by the drivers: the configured maximum, and how a large file splits into parts.
import { AppError } from "~/shared/errors";

/** S3 refuses parts under 5 MiB (except the last) and more than 10,000 parts. */
export const S3_MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_PART_COUNT = 10_000;

export function assertUploadSize(size: number, maxBytes: number): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new AppError("BAD_REQUEST", "File size must be a whole number of bytes");
  if (size > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", `File is larger than the ${maxBytes} bytes allowed`);
}

/** Parts needed for `size` bytes (at least one, so an empty file is one empty part). */
export function partCountFor(size: number, partBytes: number): number {
  const count = Math.max(1, Math.ceil(size / partBytes));
  if (count > MAX_PART_COUNT) throw new AppError("PAYLOAD_TOO_LARGE", `File needs more than ${MAX_PART_COUNT} parts of ${partBytes} bytes`);
  return count;
}

/** Byte count of part `partNumber` (1-based) of a `size`-byte file. */
export function partSizeOf(partNumber: number, size: number, partBytes: number): number {
  const count = partCountFor(size, partBytes);
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > count) {
    throw new AppError("BAD_REQUEST", `Part number must be between 1 and ${count}`);
  }
  return partNumber < count ? partBytes : size - partBytes * (count - 1);
}

/** Clamps a requested lifetime (seconds) into 1..max, with `fallback` when none was asked. */
export function ttlSeconds(requested: number | undefined, fallback: number, max: number): number {
  return Math.max(1, Math.min(Math.floor(requested ?? fallback), max));
}
