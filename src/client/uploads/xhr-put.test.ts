import { afterEach, describe, expect, it, vi } from "vitest";
import { xhrPut } from "./xhr-put";

/** Records what a PUT would send, and answers 200 with an ETag. */
class FakeXhr {
  static sent: { method: string; url: string; headers: Record<string, string>; body: unknown }[] = [];
  upload = { onprogress: null as ((event: { loaded: number }) => void) | null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  private request = { method: "", url: "", headers: {} as Record<string, string> };
  open(method: string, url: string) {
    this.request = { method, url, headers: {} };
  }
  setRequestHeader(name: string, value: string) {
    this.request.headers[name] = value;
  }
  getResponseHeader(name: string) {
    return name === "ETag" ? '"e1"' : null;
  }
  abort() {}
  send(body: unknown) {
    FakeXhr.sent.push({ ...this.request, body });
    this.status = 200;
    queueMicrotask(() => this.onload?.());
  }
}

describe("xhrPut", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeXhr.sent = [];
  });

  const target = { method: "PUT" as const, url: "https://store.example/k", headers: { "content-type": "image/png" }, expiresAt: "2030-01-01T00:00:00Z" };

  it("sends the raw bytes with the signed headers, and gives back the ETag", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const file = new Blob(["abc"]);
    await expect(xhrPut(target, file, () => undefined, new AbortController().signal)).resolves.toEqual({ etag: '"e1"' });
    expect(FakeXhr.sent).toEqual([{ method: "PUT", url: target.url, headers: target.headers, body: file }]);
  });

  it("wraps the file as the form field `file` when the target asks for form-data (UploadThing)", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const file = new Blob(["abc"]);
    await xhrPut({ ...target, body: "form-data" }, file, () => undefined, new AbortController().signal);
    const body = FakeXhr.sent[0]!.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect(await (body.get("file") as Blob).text()).toBe("abc");
  });
});
