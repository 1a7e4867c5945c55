import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { parseRange, sliceBytes } from "./byte-range";

describe("parseRange", () => {
  it("reads a start-end range, an open one and a suffix, clamped to the file", () => {
    expect(parseRange("bytes=10-19", 100)).toEqual({ start: 10, end: 19 });
    expect(parseRange("bytes=90-", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=90-500", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=-5", 100)).toEqual({ start: 95, end: 99 });
    expect(parseRange("bytes=-500", 100)).toEqual({ start: 0, end: 99 });
  });

  it("answers the whole file without a header or for forms it does not support", () => {
    for (const header of [null, "", "bytes=-", "bytes=1-2,5-6", "items=1-2", "bytes=a-b"]) expect(parseRange(header, 100)).toBe("whole");
  });

  it("refuses a range past the end or backwards", () => {
    expect(parseRange("bytes=100-", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=20-10", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=-0", 100)).toBe("unsatisfiable");
  });
});

describe("sliceBytes", () => {
  it("keeps exactly the asked bytes across chunk boundaries", async () => {
    const bytes = Buffer.from(Array.from({ length: 100 }, (_, index) => index));
    const chunks = [bytes.subarray(0, 7), bytes.subarray(7, 50), bytes.subarray(50)];
    expect([...(await buffer(Readable.from(chunks).pipe(sliceBytes(5, 60))))]).toEqual([...bytes.subarray(5, 61)]);
    expect([...(await buffer(Readable.from(chunks).pipe(sliceBytes(0, 99))))]).toEqual([...bytes]);
  });
});
