// Moving bytes the way a browser does in the attachment tests: PUT to an upload target (the local
// driver's app route, or a presigned S3 URL over real HTTP), and GET the stable attachment URL with
// a session cookie, following its redirect to the signed download.
import { acceptLocalUpload, redirectToAttachment, serveLocalDownload } from "~/server/http/file-responses";
import type { TestCookieJar } from "./trpc";

const APP = "http://localhost:3000";
const UPLOAD_ROUTE = "/api/files/upload/";
const DOWNLOAD_ROUTE = "/api/files/download/";

export interface Target {
  url: string;
  headers: Record<string, string>;
}

/** PUTs `body` to the target; answers like the network would (status, ETag). */
export async function putBytes(target: Target, body: Uint8Array): Promise<Response> {
  const init = { method: "PUT", headers: target.headers, body, duplex: "half" } as RequestInit;
  if (target.url.startsWith(UPLOAD_ROUTE)) return acceptLocalUpload(new Request(APP + target.url, init), target.url.slice(UPLOAD_ROUTE.length));
  return fetch(target.url, init);
}

/** GETs a signed download URL (the local route, or the store's presigned URL). */
export async function getSigned(url: string, headers: Record<string, string> = {}): Promise<Response> {
  const path = url.startsWith(APP) ? url.slice(APP.length) : url;
  if (path.startsWith(DOWNLOAD_ROUTE)) return serveLocalDownload(new Request(APP + path, { headers }), path.slice(DOWNLOAD_ROUTE.length));
  return fetch(url, { headers });
}

function cookieHeader(jar: TestCookieJar | null): string {
  if (!jar) return "";
  return Object.entries(jar.snapshot()).map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; ");
}

/** GET /api/attachments/<id>/<variant> as a browser holding `jar`'s cookies (null: signed out). */
export async function openAttachment(jar: TestCookieJar | null, attachmentId: string, variant = "original", query = ""): Promise<Response> {
  const req = new Request(`${APP}/api/attachments/${attachmentId}/${variant}${query}`, { headers: { cookie: cookieHeader(jar) } });
  return redirectToAttachment(req, attachmentId, variant);
}

/** The stable URL followed to its bytes: the redirect, then the signed download. */
export async function downloadAttachment(jar: TestCookieJar | null, attachmentId: string, variant = "original", query = "") {
  const redirect = await openAttachment(jar, attachmentId, variant, query);
  if (redirect.status !== 302) return { redirect, response: null };
  return { redirect, response: await getSigned(redirect.headers.get("location")!) };
}
