// UploadThing's route handler (/api/uploadthing) up to the network edge: its callbacks are accepted
// only with a valid signature by the token's API key; UploadThing's own client flow is refused (uploads
// start with attachment.createUpload). The answer to UploadThing is caught by an injected fetch.
import { describe, expect, it, vi } from "vitest";
import { uploadThingRouteHandler, type UploadThingCallback } from "./file-router";
import { API_KEY, fakeFetch, TOKEN, utSignature } from "./ut-test-kit";

const INGEST = "https://sea1.ingest.uploadthing.com";
const callbackBody = JSON.stringify({
  status: "uploaded",
  origin: INGEST,
  metadata: {},
  file: { name: "a.png", size: 1234, type: "image/png", customId: "files~abc", key: "KEY123", url: "u", appUrl: "u", ufsUrl: "u", fileHash: "h" },
});

function setup() {
  const net = fakeFetch(() => Response.json({ ok: true }));
  const completed: UploadThingCallback[] = [];
  const handler = uploadThingRouteHandler({ token: TOKEN, fetch: net.fetch, onUploadComplete: (file) => completed.push(file) });
  const post = (path: string, body: string, headers: Record<string, string>) =>
    handler.POST(new Request(`http://127.0.0.1/api/uploadthing${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body }) as never);
  return { post, completed, calls: net.calls, handler };
}

describe("/api/uploadthing", () => {
  it("rejects an unsigned callback and one signed with another key, without running onUploadComplete", async () => {
    const { post, completed, calls } = setup();
    const errors = vi.spyOn(console, "log").mockImplementation(() => {});
    const unsigned = await post("?slug=attachment", callbackBody, { "uploadthing-hook": "callback" });
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toMatchObject({ message: "Invalid signature" });
    const forged = await post("?slug=attachment", callbackBody, { "uploadthing-hook": "callback", "x-uploadthing-signature": utSignature(callbackBody, "sk_someone_else") });
    expect(forged.status).toBe(400);
    const tampered = await post("?slug=attachment", callbackBody.replace("1234", "9999"), { "uploadthing-hook": "callback", "x-uploadthing-signature": utSignature(callbackBody) });
    expect(tampered.status).toBe(400);
    expect(completed).toEqual([]);
    expect(calls).toEqual([]);
    errors.mockRestore();
  });

  it("accepts a correctly signed callback: onUploadComplete runs, and the result goes back to UploadThing", async () => {
    const { post, completed, calls } = setup();
    const res = await post("?slug=attachment", callbackBody, { "uploadthing-hook": "callback", "x-uploadthing-signature": utSignature(callbackBody) });
    expect(res.status).toBe(200);
    expect(completed).toEqual([{ fileKey: "KEY123", customId: "files~abc", size: 1234 }]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(`${INGEST}/callback-result`);
    expect(calls[0]!.headers.get("x-uploadthing-api-key")).toBe(API_KEY);
    expect(await calls[0]!.request.json()).toEqual({ fileKey: "KEY123", callbackData: null });
  });

  it("refuses UploadThing's own client upload flow: slots come from attachment.createUpload", async () => {
    const { post, calls } = setup();
    const errors = vi.spyOn(console, "log").mockImplementation(() => {});
    const res = await post("?slug=attachment&actionType=upload", JSON.stringify({ files: [{ name: "a.png", size: 1, type: "image/png" }], input: null }), {});
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ message: "Uploads start with attachment.createUpload" });
    expect(calls).toEqual([]);
    errors.mockRestore();
  });

  it("serves the file router's config on GET", async () => {
    const { handler } = setup();
    const res = await handler.GET(new Request("http://127.0.0.1/api/uploadthing") as never);
    expect(res.status).toBe(200);
    const routes = (await res.json()) as Array<{ slug: string; config: { blob: { maxFileSize: string; maxFileCount: number } } }>;
    expect(routes.map((route) => route.slug)).toEqual(["attachment"]);
    expect(routes[0]!.config.blob).toMatchObject({ maxFileSize: "2GB", maxFileCount: 10 });
  });
});
