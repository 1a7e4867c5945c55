// POST/GET /api/trpc/* - the tRPC endpoint
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/trpc";
import { headerCookieJar } from "~/server/auth/cookies";
import { refuseUnsafeRequest } from "~/server/http/request-guard";
import { env } from "~/env";

/** Bodies above this are refused before parsing; inputs have their own, smaller, limits. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** A tRPC-shaped 413: one error per call of a batch, so the client reports it as a server error. */
function tooLarge(req: Request): Response {
  const url = new URL(req.url);
  const error = { json: { message: "Request body is too large", code: -32600, data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413, appCode: "PAYLOAD_TOO_LARGE" } } };
  if (url.searchParams.get("batch") !== "1") return Response.json({ error }, { status: 413 });
  const calls = url.pathname.slice("/api/trpc/".length).split(",").length;
  return Response.json(Array.from({ length: calls }, () => ({ error })), { status: 413 });
}

/** The request with its body read under the cap (a chunked body has no content-length to check). */
async function withBoundedBody(req: Request): Promise<Request | null> {
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return null;
  if (!req.body) return req;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new Request(req.url, { method: req.method, headers: req.headers, body: Buffer.concat(chunks) });
}

async function handler(incoming: Request) {
  const refused = refuseUnsafeRequest(incoming, env.APP_URL);
  if (refused) return refused;
  const req = await withBoundedBody(incoming);
  if (!req) return tooLarge(incoming);
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createTRPCContext({ headers: req.headers, cookies: headerCookieJar(req.headers, resHeaders) }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
