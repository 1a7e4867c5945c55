// A pass-through that counts bytes and enforces an exact or maximum size while they stream.
import { Transform } from "node:stream";
import { AppError } from "~/shared/errors";

export interface ByteCounter extends Transform {
  readonly bytes: number;
}

/** `exact`: the body must be exactly this long; `max`: at most this long. */
export function countBytes(limit: { exact?: number; max?: number } = {}): ByteCounter {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      const ceiling = limit.exact ?? limit.max;
      if (ceiling !== undefined && bytes > ceiling) {
        return callback(new AppError("PAYLOAD_TOO_LARGE", `Upload is larger than the ${ceiling} bytes announced or allowed`));
      }
      callback(null, chunk);
    },
    flush(callback) {
      if (limit.exact !== undefined && bytes !== limit.exact) {
        return callback(new AppError("BAD_REQUEST", `Upload ended after ${bytes} of ${limit.exact} bytes`));
      }
      callback();
    },
  });
  return Object.defineProperty(counter, "bytes", { get: () => bytes }) as ByteCounter;
}
