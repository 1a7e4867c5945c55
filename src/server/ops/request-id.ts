// A request's id: the trusted proxy's X-Request-ID (scripts/next-server.ts drops the header when no
// proxy is trusted, so a client cannot choose it), else a fresh one. Safe characters only.
import { randomUUID } from "node:crypto";

const SAFE_ID = /^[\w.:-]{1,128}$/;

export function requestIdFrom(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && SAFE_ID.test(given) ? given : randomUUID();
}
