import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "~/shared/errors";
import { detectType } from "./detect-type";
import { makeThumbnail, readImageSize, stripMetadata } from "./image-processing";

const GPS_EXIF = {
  IFD0: { Make: "TestCam" },
  IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 2400/100", GPSLongitudeRef: "E", GPSLongitude: "2/1 21/1 0/1" },
};

/** A PNG whose header claims another size (the pixel limit is checked before decoding). */
function withPngSize(png: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(png);
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)), 29);
  return out;
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function photo(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: "#3366cc" } });
}

describe("makeThumbnail", () => {
  it("gives the original's size and a small WebP thumbnail from a stream", async () => {
    const png = await photo(1200, 800).png().toBuffer();
    const result = await makeThumbnail(Readable.from([png.subarray(0, 1000), png.subarray(1000)]));
    expect({ width: result.width, height: result.height }).toEqual({ width: 1200, height: 800 });
    expect(result.thumbnail).toMatchObject({ width: 320, height: 213, contentType: "image/webp" });
    expect((await detectType(result.thumbnail.data))?.mime).toBe("image/webp");
  });

  it("reports the displayed size of a rotated JPEG and keeps no EXIF in the thumbnail", async () => {
    const jpeg = await photo(600, 300).jpeg().withExif(GPS_EXIF).withMetadata({ orientation: 6 }).toBuffer();
    const result = await makeThumbnail(jpeg);
    expect({ width: result.width, height: result.height }).toEqual({ width: 300, height: 600 });
    expect(result.thumbnail.height).toBe(320);
    expect((await sharp(result.thumbnail.data).metadata()).exif).toBeUndefined();
  });

  it("refuses an image over 100 megapixels instead of decoding it", async () => {
    const huge = withPngSize(await photo(1, 1).png().toBuffer(), 10_001, 10_000);
    const error = await makeThumbnail(huge).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("refuses bytes that are not an image", async () => {
    const error = await makeThumbnail(Buffer.from("<html>not an image</html>")).catch((caught: unknown) => caught);
    expect((error as AppError).code).toBe("BAD_REQUEST");
  });
});

describe("readImageSize", () => {
  it("reads the displayed size of a rotated JPEG from its first bytes alone", async () => {
    const jpeg = await photo(600, 300).jpeg().withExif(GPS_EXIF).withMetadata({ orientation: 6 }).toBuffer();
    expect(await readImageSize(jpeg.subarray(0, 2048))).toEqual({ width: 300, height: 600 });
  });

  it("refuses a header over 100 megapixels, and bytes that are not an image", async () => {
    const huge = withPngSize(await photo(1, 1).png().toBuffer(), 10_001, 10_000);
    expect(await readImageSize(huge).catch((caught: AppError) => caught.code)).toBe("PAYLOAD_TOO_LARGE");
    expect(await readImageSize(Buffer.from("<html>not an image</html>")).catch((caught: AppError) => caught.code)).toBe("BAD_REQUEST");
  });
});

describe("stripMetadata", () => {
  it("removes GPS EXIF from a PNG, keeping its pixels and format", async () => {
    const png = await photo(64, 48).png().withExif(GPS_EXIF).toBuffer();
    const before = await sharp(png).metadata();
    expect(before.exif?.toString("latin1")).toContain("TestCam");

    const stripped = await buffer(stripMetadata(Readable.from([png]), "image/png"));
    const after = await sharp(stripped).metadata();
    expect(after).toMatchObject({ format: "png", width: 64, height: 48 });
    expect(after.exif).toBeUndefined();
    expect(stripped.includes(Buffer.from("TestCam"))).toBe(false);
  });

  it("applies the JPEG orientation to the pixels before dropping it", async () => {
    const jpeg = await photo(40, 20).jpeg().withExif(GPS_EXIF).withMetadata({ orientation: 6 }).toBuffer();
    const after = await sharp(await buffer(stripMetadata(jpeg, "image/jpeg"))).metadata();
    expect(after).toMatchObject({ format: "jpeg", width: 20, height: 40 });
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
  });

  it("refuses a type it cannot re-encode", () => {
    expect(() => stripMetadata(Buffer.from("x"), "image/svg+xml")).toThrow(AppError);
  });
});
