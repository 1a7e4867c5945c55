import { describe, expect, it } from "vitest";
import type { AttachmentDto } from "~/shared/realtime/events";
import { downloadUrl, fitBox, formatDuration, previewUrl, typeLabel } from "./attachment-urls";

const file = (patch: Partial<AttachmentDto>): AttachmentDto => ({
  id: "a1",
  kind: "FILE",
  fileName: "report.pdf",
  mimeType: "application/pdf",
  size: 10,
  width: null,
  height: null,
  durationMs: null,
  waveform: null,
  hasThumbnail: false,
  processing: false,
  ...patch,
});

describe("attachment display helpers", () => {
  it("reserves an image's own aspect ratio, scaled down into the bounds", () => {
    expect(fitBox(4000, 3000, 320, 320)).toEqual({ width: 320, height: 240 });
    expect(fitBox(1000, 4000, 320, 320)).toEqual({ width: 80, height: 320 });
    expect(fitBox(200, 100, 320, 320)).toEqual({ width: 200, height: 100 });
    expect(fitBox(null, null, 320, 320)).toEqual({ width: 320, height: 240 });
  });

  it("points at the thumbnail when there is one, and downloads the original under its name", () => {
    expect(previewUrl(file({ hasThumbnail: true }))).toBe("/api/attachments/a1/thumbnail");
    expect(previewUrl(file({}))).toBe("/api/attachments/a1/original");
    expect(downloadUrl("a1")).toBe("/api/attachments/a1/original?download=1");
  });

  it("names the type and the duration as people read them", () => {
    expect(typeLabel(file({}))).toBe("PDF");
    expect(typeLabel(file({ fileName: "notes", mimeType: "text/plain" }))).toBe("PLAIN");
    expect(formatDuration(7_400)).toBe("0:07");
    expect(formatDuration(3_723_000)).toBe("1:02:03");
  });
});
