// The uploadthing driver up to the network edge: every request it would send to UploadThing is
// caught by an injected fetch (UploadThing's servers are unreachable here). Signed URLs are checked
// with an HMAC computed independently, and against what UploadThing's own SDK (UTApi) produces.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { UTApi, UTFile } from "uploadthing/server";
import { AppError } from "~/shared/errors";
import { storageEnv } from "../../../../test/storage-env";
import { createStorage, storageConfigFromEnv } from "../create-storage";
import { storageBrowserOrigins } from "../browser-origins";
import { UploadThingStorageDriver } from "./uploadthing-driver";
import { API_KEY, APP_ID, fakeFetch, TOKEN, urlSignatureValid } from "./ut-test-kit";

const MiB = 1024 * 1024;
const KEY = "files/AbCdEf0123456789xyzABCDE";
const CUSTOM_ID = "files~AbCdEf0123456789xyzABCDE";

function driver(answer?: Parameters<typeof fakeFetch>[0]) {
  const net = fakeFetch(answer);
  return { storage: new UploadThingStorageDriver({ token: TOKEN, maxBytes: 25 * MiB, fetch: net.fetch }), calls: net.calls };
}

/** The presigned ingest URL UploadThing's own SDK makes (UTApi.uploadFiles), caught before it is sent. */
async function sdkIngestRequest() {
  const net = fakeFetch(() => Response.json({ url: "u", appUrl: "u", ufsUrl: "u", fileHash: "h" }));
  const utapi = new UTApi({ token: TOKEN, fetch: net.fetch, logLevel: "Error" });
  await utapi.uploadFiles(new UTFile(["hello"], "a.txt", { customId: "sdk-file" }), { acl: "private", contentDisposition: "attachment" });
  return net.calls[0]!;
}

const expectAppError = async (promise: Promise<unknown>, code: string) => {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
};

describe("uploadthing driver: uploads", () => {
  it("signs an ingest URL locally: UploadThing's key scheme and fields, a valid HMAC by the API key, a form-data PUT", async () => {
    const { storage, calls } = driver();
    const before = Date.now();
    const target = await storage.createUpload(KEY, { size: 1234, contentType: "image/png", fileName: "cat photo.png", expiresIn: 600 });
    expect(calls).toHaveLength(0); // no network
    expect(target).toMatchObject({ method: "PUT", body: "form-data", headers: { Range: "bytes=0-" } });

    const url = new URL(target.url);
    const sdk = new URL((await sdkIngestRequest()).url);
    expect(url.origin).toBe("https://sea1.ingest.uploadthing.com");
    expect(url.origin).toBe(sdk.origin);
    // UploadThing's file keys start with the app id's code: ours carry the same one as the SDK's.
    expect(url.pathname.slice(1, 13)).toBe(sdk.pathname.slice(1, 13));
    expect([...url.searchParams.keys()]).toEqual([...sdk.searchParams.keys()]);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      "x-ut-identifier": APP_ID,
      "x-ut-file-name": encodeURIComponent("cat photo.png"),
      "x-ut-file-size": "1234",
      "x-ut-file-type": encodeURIComponent("image/png"),
      "x-ut-custom-id": CUSTOM_ID,
      "x-ut-content-disposition": "attachment",
      "x-ut-acl": "private",
    });
    const expires = Number(url.searchParams.get("expires"));
    expect(expires).toBeGreaterThanOrEqual(before + 600_000);
    expect(expires).toBeLessThan(Date.now() + 601_000);
    expect(target.expiresAt.getTime()).toBe(expires);

    expect(urlSignatureValid(target.url)).toBe(true);
    expect(urlSignatureValid(target.url, "sk_other")).toBe(false);
    expect(urlSignatureValid(target.url.replace("x-ut-file-size=1234", "x-ut-file-size=99999999"))).toBe(false);
  });

  it("matches the SDK's upload body: UploadThing's ingest takes multipart/form-data with the file in 'file'", async () => {
    const sent = await sdkIngestRequest();
    expect(sent.method).toBe("PUT");
    const form = await sent.request.formData();
    expect(await (form.get("file") as File).text()).toBe("hello");
    expect(sent.headers.get("range")).toBe("bytes=0-");
  });

  it("gives a fresh key per slot, refuses oversize before signing, and has no parts", async () => {
    const { storage } = driver();
    const a = await storage.createUpload(KEY, { size: 1, contentType: "text/plain" });
    const b = await storage.createUpload(KEY, { size: 1, contentType: "text/plain" });
    expect(new URL(a.url).pathname).not.toBe(new URL(b.url).pathname);
    await expectAppError(storage.createUpload(KEY, { size: 25 * MiB + 1, contentType: "text/plain" }), "PAYLOAD_TOO_LARGE");
    await expectAppError(storage.createUpload("../etc", { size: 1, contentType: "text/plain" }), "BAD_REQUEST");
    expect(storage.partBytes).toBe(storage.maxBytes);
    await expectAppError(storage.startMultipart(), "BAD_REQUEST");
    await expectAppError(storage.presignPart(), "BAD_REQUEST");
    expect(await storage.listParts()).toEqual([]);
  });

  it("writes server-made files with a signed form-data PUT: the same bytes, private, under the key's custom id", async () => {
    const { storage, calls } = driver(() => Response.json({ ufsUrl: "u", fileHash: "h" }));
    const bytes = Buffer.alloc(300_000, 7);
    expect(await storage.write(KEY, Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), { contentType: "image/webp" })).toEqual({ key: KEY, size: 300_000 });
    expect(calls).toHaveLength(1);
    const url = new URL(calls[0]!.url);
    expect(url.origin).toBe("https://sea1.ingest.uploadthing.com");
    expect(url.searchParams.get("x-ut-custom-id")).toBe(CUSTOM_ID);
    expect(url.searchParams.get("x-ut-file-size")).toBe("300000");
    expect(url.searchParams.get("x-ut-acl")).toBe("private");
    expect(urlSignatureValid(calls[0]!.url)).toBe(true);
    expect(calls[0]!.method).toBe("PUT");
    const file = (await calls[0]!.request.formData()).get("file") as File;
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("reports UploadThing refusing a write", async () => {
    const { storage } = driver(() => new Response("nope", { status: 403 }));
    await expect(storage.write(KEY, Readable.from([Buffer.from("x")]), { contentType: "text/plain" })).rejects.toThrow(/UploadThing refused/);
  });
});

describe("uploadthing driver: reading, deleting, download URLs", () => {
  it("signs download URLs locally on the app's file host, by custom id, capped at 15 minutes", async () => {
    const { storage, calls } = driver();
    const url = await storage.signedDownloadUrl(KEY, { fileName: "a.png", contentType: "image/png", disposition: "inline", expiresIn: 3600 });
    expect(calls).toHaveLength(0);
    expect(url.startsWith(`https://${APP_ID}.ufs.sh/f/${CUSTOM_ID}?expires=`)).toBe(true);
    expect(urlSignatureValid(url)).toBe(true);
    const expires = Number(new URL(url).searchParams.get("expires"));
    expect(expires - Date.now()).toBeGreaterThan(890_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(900_000);
  });

  it("reads and stats through the file's signed URL; a missing file is NOT_FOUND / null", async () => {
    const { storage, calls } = driver((request) =>
      request.url.includes("/f/files~missing")
        ? new Response("gone", { status: 404 })
        : new Response(request.method === "HEAD" ? null : "the bytes", { headers: { "content-length": "9" } }),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.read(KEY)) chunks.push(Buffer.from(chunk as Uint8Array));
    expect(Buffer.concat(chunks).toString()).toBe("the bytes");
    expect(await storage.stat(KEY)).toEqual({ key: KEY, size: 9 });
    expect(calls.map((call) => call.method)).toEqual(["GET", "HEAD"]);
    for (const call of calls) {
      expect(call.url.startsWith(`https://${APP_ID}.ufs.sh/f/${CUSTOM_ID}?`)).toBe(true);
      expect(urlSignatureValid(call.url)).toBe(true);
    }
    await expectAppError(storage.read("files/missing"), "NOT_FOUND");
    expect(await storage.stat("files/missing")).toBeNull();
  });

  it("deletes through UploadThing's API by custom id, with the API key header", async () => {
    const { storage, calls } = driver(() => Response.json({ success: true, deletedCount: 1 }));
    await storage.delete(KEY);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe("POST");
    expect(calls[0]!.url).toBe("https://api.uploadthing.com/v6/deleteFiles");
    expect(calls[0]!.headers.get("x-uploadthing-api-key")).toBe(API_KEY);
    expect(await calls[0]!.request.json()).toEqual({ customIds: [CUSTOM_ID] });
  });
});

describe("uploadthing configuration", () => {
  const env = storageEnv({ STORAGE_DRIVER: "uploadthing", UPLOADTHING_TOKEN: TOKEN });

  it("STORAGE_DRIVER=uploadthing builds the driver with one upload per file, and needs a valid token", () => {
    const storage = createStorage(storageConfigFromEnv(env));
    expect(storage).toBeInstanceOf(UploadThingStorageDriver);
    expect(storage.partBytes).toBe(25 * MiB);
    expect(() => storageConfigFromEnv({ ...env, UPLOADTHING_TOKEN: undefined })).toThrow(/needs UPLOADTHING_TOKEN/);
    expect(() => createStorage(storageConfigFromEnv({ ...env, UPLOADTHING_TOKEN: "not a token" }))).toThrow(/not base64-encoded JSON/);
    const noSecret = Buffer.from(JSON.stringify({ apiKey: "pk_x", appId: "a", regions: ["sea1"] })).toString("base64");
    expect(() => createStorage(storageConfigFromEnv({ ...env, UPLOADTHING_TOKEN: noSecret }))).toThrow(/sk_/);
  });

  it("lets the browser reach the token's ingest region and the app's file host (CSP)", () => {
    expect(storageBrowserOrigins(env)).toEqual(["https://sea1.ingest.uploadthing.com", `https://${APP_ID}.ufs.sh`]);
  });
});
