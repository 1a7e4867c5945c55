// The app's file routes, framework-free (the Next route files only unwrap their params):
// - PUT /api/files/upload/<token>: the local driver's upload target; the body streams to disk.
// - GET /api/files/download/<token>: the local driver's signed download; the file streams back.
// - GET /api/attachments/<id>/<original|thumbnail>: a stable URL for <img>/<audio> that checks the
//   session and membership, then redirects to a signed URL valid for minutes (404 for anyone else).
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { resolveRequestSession } from "~/server/api/request-session";
import { headerCookieJar } from "~/server/auth/cookies";
import { contentHeaders } from "~/server/media/content-headers";
import { parseRange, sliceBytes } from "./byte-range";
import { downloadUrl } from "~/server/services/attachments/download";
import { getStorage } from "~/server/storage";
import { LocalStorageDriver } from "~/server/storage/local/local-driver";
import { AppError, APP_ERROR_TRPC_CODE } from "~/shared/errors";
import { ZDownloadUrlInput } from "~/shared/schemas/attachment";
import { log } from "~/server/ops/logger";

const NO_STORE = { "cache-control": "no-store" };

function errorResponse(status: number, code: string, message: string, retryAfter?: number): Response {
  return Response.json({ error: { code, message } }, { status, headers: retryAfter ? { ...NO_STORE, "retry-after": String(retryAfter) } : NO_STORE });
}

/** The signed-in (not banned) user of a plain GET; refreshed session cookies go into `responseHeaders`. */
export async function signedInUserId(req: Request, responseHeaders: Headers): Promise<string | null> {
  const meta = { ip: (req.headers.get("x-forwarded-for") ?? "").split(",")[0]?.trim() || null, userAgent: req.headers.get("user-agent") };
  const auth = await resolveRequestSession(headerCookieJar(req.headers, responseHeaders), meta);
  return auth && !auth.user.banned ? auth.user.id : null;
}

export function notFound(): Response {
  return errorResponse(404, "NOT_FOUND", "File not found");
}

/** A domain error as its HTTP status; a body cut off mid-way is the client's failure (400). */
export function failure(error: unknown): Response {
  if (error instanceof AppError) {
    const status = getHTTPStatusCodeFromError(new TRPCError({ code: APP_ERROR_TRPC_CODE[error.code] }));
    return errorResponse(status, error.code, error.message, error.details.retryAfter);
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "ERR_STREAM_PREMATURE_CLOSE" || code === "ECONNRESET" || (error as Error | null)?.name === "AbortError") {
    return errorResponse(400, "BAD_REQUEST", "The upload was interrupted: send it again");
  }
  log().error({ err: error }, "file route failed");
  return errorResponse(500, "INTERNAL_SERVER_ERROR", "Internal server error");
}

/** The local driver, or null when files live elsewhere (then these routes do not exist). */
function localDriver(): LocalStorageDriver | null {
  const storage = getStorage();
  return storage instanceof LocalStorageDriver ? storage : null;
}

export async function acceptLocalUpload(req: Request, token: string): Promise<Response> {
  const driver = localDriver();
  if (!driver) return notFound();
  try {
    const body = req.body ? Readable.fromWeb(req.body as NodeReadableStream) : Readable.from([]);
    const stored = await driver.acceptUpload(token, body);
    const etag = "etag" in stored ? stored.etag : null;
    return Response.json({ ok: true, etag }, { status: 200, headers: { ...NO_STORE, ...(etag ? { etag: `"${etag}"` } : {}) } });
  } catch (error) {
    return failure(error);
  }
}

export async function serveLocalDownload(req: Request, token: string): Promise<Response> {
  const driver = localDriver();
  if (!driver) return notFound();
  try {
    const grant = driver.verifyDownloadToken(token);
    const stored = await driver.stat(grant.key);
    if (!stored) return notFound();
    const headers = contentHeaders({ fileName: grant.fileName, mime: grant.contentType, forceDownload: grant.disposition === "attachment", size: stored.size });
    // The URL carries its own expiring grant, so the browser may keep what it fetched.
    const common = { ...headers, "accept-ranges": "bytes", "cache-control": "private, max-age=300" };
    const range = parseRange(req.headers.get("range"), stored.size);
    if (range === "unsatisfiable") return new Response(null, { status: 416, headers: { ...common, "content-length": "0", "content-range": `bytes */${stored.size}` } });
    const stream = await driver.read(grant.key);
    if (range === "whole") return new Response(Readable.toWeb(stream) as ReadableStream, { status: 200, headers: common });
    // Encrypted segments are decrypted from the start; the bytes before the range are dropped.
    const part = stream.pipe(sliceBytes(range.start, range.end));
    stream.once("error", (error) => part.destroy(error));
    return new Response(Readable.toWeb(part) as ReadableStream, {
      status: 206,
      headers: { ...common, "content-length": String(range.end - range.start + 1), "content-range": `bytes ${range.start}-${range.end}/${stored.size}` },
    });
  } catch (error) {
    // A forged, altered or expired link is refused like a missing file.
    if (error instanceof AppError && error.code === "FORBIDDEN") return errorResponse(403, "FORBIDDEN", error.message);
    return failure(error);
  }
}

export async function redirectToAttachment(req: Request, attachmentId: string, variant: string): Promise<Response> {
  const input = ZDownloadUrlInput.safeParse({ attachmentId, variant });
  if (!input.success) return notFound();
  const responseHeaders = new Headers(NO_STORE);
  try {
    const userId = await signedInUserId(req, responseHeaders);
    if (!userId) return notFound();
    const forceDownload = new URL(req.url).searchParams.get("download") === "1";
    const { url } = await downloadUrl(userId, { ...input.data, forceDownload });
    responseHeaders.set("location", new URL(url, req.url).toString());
    return new Response(null, { status: 302, headers: responseHeaders });
  } catch (error) {
    return failure(error);
  }
}
