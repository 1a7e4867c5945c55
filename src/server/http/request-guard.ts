// CSRF guard for /api/trpc: a POST (every mutation) must come from the app's own origin and carry
// JSON. Cookies are SameSite=Lax, which still lets a same-site page (another subdomain) post, and a
// cross-site <form> could post form-encoded bodies that tRPC read as "no input"; both end here.
//
// Which requests count as the app's own:
// - `Origin` present: it must be the app's origin (APP_URL's, see appOrigins). Browsers send it on every POST.
// - no `Origin`, but `Sec-Fetch-Site`: only "same-origin" passes.
// - neither, but `Referer`: its origin must be the app's.
// - none of the three: not a browser (curl, a server-side script), so no victim's cookies ride
//   along; allowed. Server-side calls through createCaller never come here.

import { appOrigins } from "~/shared/app-origins";

/** A tRPC-shaped error answer: one error per call when the request is a batch (`?batch=1`). */
export function trpcErrorResponse(req: Request, status: number, code: string, appCode: string, message: string): Response {
  const error = { json: { message, code: TRPC_RPC_CODES[code] ?? -32600, data: { code, httpStatus: status, appCode } } };
  const headers = { "cache-control": "no-store" };
  const calls = batchCallCount(req);
  if (calls === null) return Response.json({ error }, { status, headers });
  return Response.json(Array.from({ length: calls }, () => ({ error })), { status, headers });
}

/** The number of calls in a batch request (`/api/trpc/a,b,c?batch=1`), null when not batched. */
export function batchCallCount(req: Request): number | null {
  const url = new URL(req.url);
  if (url.searchParams.get("batch") !== "1") return null;
  return url.pathname.slice(url.pathname.lastIndexOf("/") + 1).split(",").length;
}

/** JSON-RPC codes tRPC uses for the codes answered before tRPC runs. */
const TRPC_RPC_CODES: Record<string, number> = { BAD_REQUEST: -32600, FORBIDDEN: -32003, PAYLOAD_TOO_LARGE: -32013, UNSUPPORTED_MEDIA_TYPE: -32015 };

function originOf(value: string | null): string | null {
  if (!value || value === "null") return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/** Whether a state-changing request comes from one of `appOrigins` (see the rules above). */
function isSameOriginRequest(headers: Headers, appOrigins: string[]): boolean {
  const isApp = (value: string | null) => value !== null && appOrigins.includes(value);
  const origin = headers.get("origin");
  if (origin !== null) return isApp(originOf(origin));
  const site = headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin";
  const referer = headers.get("referer");
  if (referer !== null) return isApp(originOf(referer));
  return true;
}

/** Whether the body is declared as JSON (`application/json`, any parameters). */
function isJsonContentType(headers: Headers): boolean {
  const type = headers.get("content-type");
  return type !== null && type.split(";")[0]!.trim().toLowerCase() === "application/json";
}

/** A 403/415 answer for a POST that is cross-origin or not JSON; null when the request may go on. */
export function refuseUnsafeRequest(req: Request, appUrl: string): Response | null {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return null;
  if (!isSameOriginRequest(req.headers, appOrigins(appUrl))) {
    return trpcErrorResponse(req, 403, "FORBIDDEN", "FORBIDDEN", "Requests from another origin are not allowed");
  }
  if (!isJsonContentType(req.headers)) {
    return trpcErrorResponse(req, 415, "UNSUPPORTED_MEDIA_TYPE", "BAD_REQUEST", "Request body must be application/json");
  }
  return null;
}
