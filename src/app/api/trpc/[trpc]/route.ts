// POST/GET /api/trpc/* - the tRPC endpoint
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/trpc";
import { headerCookieJar } from "~/server/auth/cookies";
import { batchCallCount, refuseUnsafeRequest, trpcErrorResponse } from "~/server/http/request-guard";
import { env } from "~/env";
import { log } from "~/server/ops/logger";
import { TRPC_MAX_BATCH_SIZE } from "~/shared/api-limits";

/** Bodies above this are refused before parsing; inputs have their own, smaller, limits. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

function tooLarge(req: Request): Response {
  return trpcErrorResponse(req, 413, "PAYLOAD_TOO_LARGE", "PAYLOAD_TOO_LARGE", "Request body is too large");
}

/** A batch over the cap is refused before its body is read or any call runs: a batch's calls run
 * in parallel, so an unbounded one could hold the whole database pool. */
function batchTooBig(req: Request): Response | null {
  const calls = batchCallCount(req);
  if (calls === null || calls <= TRPC_MAX_BATCH_SIZE) return null;
  return trpcErrorResponse(req, 400, "BAD_REQUEST", "BAD_REQUEST", `At most ${TRPC_MAX_BATCH_SIZE} calls per batch`);
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
  const tooBig = batchTooBig(incoming);
  if (tooBig) return tooBig;
  const req = await withBoundedBody(incoming);
  if (!req) return tooLarge(incoming);
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    createContext: ({ resHeaders }) => createTRPCContext({ headers: req.headers, cookies: headerCookieJar(req.headers, resHeaders), resHeaders }),
    onError({ error, path, ctx }) {
      if (error.code === "INTERNAL_SERVER_ERROR") (ctx?.logger ?? log()).error({ err: error.cause ?? error, procedure: path ?? "?" }, "trpc call failed");
    },
  });
}

export { handler as GET, handler as POST };
