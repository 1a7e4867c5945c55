import { Readable } from "node:stream";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { detectStreamType, detectType } from "./detect-type";
import { canThumbnail, isInlineSafe, mediaKind } from "./media-policy";

describe("detectType", () => {
  it("recognises a PNG and a JPEG from their bytes", async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#f00" } }).png().toBuffer();
    const jpeg = await sharp(png).jpeg().toBuffer();
    expect(await detectType(png)).toEqual({ mime: "image/png", ext: "png", kind: "image" });
    expect(await detectType(jpeg)).toMatchObject({ mime: "image/jpeg", kind: "image" });
  });

  it("detects from the first bytes of a stream and releases it", async () => {
    const jpeg = await sharp({ create: { width: 300, height: 300, channels: 3, background: "#0f0" } }).jpeg().toBuffer();
    const stream = Readable.from([jpeg.subarray(0, 100), jpeg.subarray(100, 5000), jpeg.subarray(5000)]);
    expect(await detectStreamType(stream)).toMatchObject({ mime: "image/jpeg" });
    expect(stream.destroyed).toBe(true);
  });

  it("does not take an HTML page named .png for an image", async () => {
    const html = Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");
    const detected = await detectType(html);
    expect(detected?.kind ?? "file").toBe("file");
    expect(isInlineSafe(detected?.mime)).toBe(false);
  });

  it("treats SVG as download-only even though it is an image", async () => {
    const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const detected = await detectType(svg);
    expect(isInlineSafe(detected?.mime)).toBe(false);
    expect(mediaKind("image/svg+xml")).toBe("file");
    expect(canThumbnail("image/svg+xml")).toBe(false);
  });

  it("sorts audio and video into their kinds", () => {
    expect(mediaKind("audio/mpeg")).toBe("audio");
    expect(mediaKind("video/webm")).toBe("video");
    expect(mediaKind("application/pdf")).toBe("file");
    expect(mediaKind(undefined)).toBe("file");
  });
});
