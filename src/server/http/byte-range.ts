// One `Range: bytes=…` request header (what <audio> and <video> send to seek), applied to a stream.
// Multiple ranges are not supported: such a request gets the whole file (allowed by RFC 9110).
import { Transform } from "node:stream";

export type RangeAnswer = { start: number; end: number } | "whole" | "unsatisfiable";

export function parseRange(header: string | null, size: number): RangeAnswer {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === "" && match[2] === "")) return "whole";
  if (match[1] === "") {
    // The last N bytes.
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}

/** Passes on bytes start..end (inclusive) of what flows through, dropping the rest. */
export function sliceBytes(start: number, end: number): Transform {
  let position = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const from = Math.max(start - position, 0);
      const to = Math.min(end + 1 - position, chunk.length);
      position += chunk.length;
      callback(null, from < to ? chunk.subarray(from, to) : undefined);
    },
  });
}
