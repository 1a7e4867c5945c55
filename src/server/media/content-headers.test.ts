import { describe, expect, it } from "vitest";
import { contentDisposition, contentHeaders, sanitizeFileName } from "./content-headers";

describe("contentHeaders", () => {
  it("serves a safe image inline under its detected type", () => {
    expect(contentHeaders({ fileName: "cat.png", mime: "image/png", size: 12 })).toEqual({
      "Content-Type": "image/png",
      "Content-Disposition": `inline; filename="cat.png"; filename*=UTF-8''cat.png`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cross-Origin-Resource-Policy": "same-origin",
      "Content-Length": "12",
    });
  });

  it("makes HTML, SVG and unknown bytes an octet-stream attachment whatever the name says", () => {
    for (const mime of ["text/html", "image/svg+xml", "application/xml", "text/javascript", undefined]) {
      const headers = contentHeaders({ fileName: "photo.png", mime });
      expect(headers["Content-Type"]).toBe("application/octet-stream");
      expect(headers["Content-Disposition"]).toMatch(/^attachment; /);
      expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    }
  });

  it("downloads an inline-safe type when asked to", () => {
    expect(contentHeaders({ fileName: "a.jpg", mime: "image/jpeg", forceDownload: true })["Content-Disposition"]).toMatch(/^attachment; /);
  });
});

describe("contentDisposition", () => {
  it("encodes a non-ASCII name per RFC 5987 with an ASCII fallback", () => {
    expect(contentDisposition("attachment", "Résumé été 😀.pdf")).toBe(
      `attachment; filename="Resume ete .pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%C3%A9t%C3%A9%20%F0%9F%98%80.pdf`,
    );
  });

  it("keeps quotes, control characters and paths out of the header", () => {
    const header = contentDisposition("attachment", '../../etc/"evil"\r\nSet-Cookie: x=1.txt');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toMatch(/^attachment; filename="[^"]*"; filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/);
    expect(header).not.toContain("etc");
  });

  it("percent-encodes the characters RFC 5987 does not allow bare", () => {
    expect(contentDisposition("inline", "it's (1).png")).toContain("filename*=UTF-8''it%27s%20%281%29.png");
  });
});

describe("sanitizeFileName", () => {
  it("drops directories and leading dots, and never returns an empty name", () => {
    expect(sanitizeFileName("C:\\Users\\me\\report.docx")).toBe("report.docx");
    expect(sanitizeFileName(".htaccess")).toBe("htaccess");
    expect(sanitizeFileName("///")).toBe("download");
  });
});
