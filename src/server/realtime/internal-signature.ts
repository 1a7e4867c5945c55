// Requests from the app to the sidecar's loopback port (no Redis): each is signed with
// HMAC(AUTH_SECRET) over its timestamp, path and body; stale or replayed ones are refused.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const INTERNAL_TIMESTAMP_HEADER = "x-bm-timestamp";
const INTERNAL_SIGNATURE_HEADER = "x-bm-signature";
/** A random value per request, so two identical requests in one millisecond are not taken for a replay. */
const INTERNAL_NONCE_HEADER = "x-bm-nonce";
/** A signed request is accepted this long after (or before, for clock skew) its timestamp. */
const INTERNAL_MAX_AGE_MS = 30_000;

function signature(secret: string, timestamp: string, nonce: string, path: string, body: string): string {
  return createHmac("sha256", secret).update(`bm-internal\n${timestamp}\n${nonce}\n${path}\n${body}`).digest("base64url");
}

/** The headers that authenticate one internal request. */
export function signInternalRequest(secret: string, path: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = String(now);
  const nonce = randomBytes(12).toString("base64url");
  return {
    [INTERNAL_TIMESTAMP_HEADER]: timestamp,
    [INTERNAL_NONCE_HEADER]: nonce,
    [INTERNAL_SIGNATURE_HEADER]: signature(secret, timestamp, nonce, path, body),
  };
}

/** POSTs a signed JSON body to the sidecar's loopback port and returns its JSON answer; throws unless it answers 2xx. */
export async function postSigned<T = void>(baseUrl: string, secret: string, path: string, payload: unknown): Promise<T> {
  const body = JSON.stringify(payload);
  const res = await fetch(new URL(path, baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json", ...signInternalRequest(secret, path, body) },
    body,
    signal: AbortSignal.timeout(2_000),
  });
  if (!res.ok) throw new Error(`realtime sidecar answered ${res.status}`);
  return (await res.json()) as T;
}

export type InternalVerdict = "ok" | "unsigned" | "bad-signature" | "stale" | "replayed";

/** A verifier that remembers the signatures it accepted until they would be stale anyway. */
export function internalRequestVerifier(secret: string) {
  const seen = new Map<string, number>();
  return (headers: Record<string, string | string[] | undefined>, path: string, body: string, now = Date.now()): InternalVerdict => {
    const timestamp = headers[INTERNAL_TIMESTAMP_HEADER];
    const nonce = headers[INTERNAL_NONCE_HEADER];
    const given = headers[INTERNAL_SIGNATURE_HEADER];
    if (typeof timestamp !== "string" || typeof nonce !== "string" || typeof given !== "string" || !/^\d{1,16}$/.test(timestamp)) return "unsigned";
    const expected = Buffer.from(signature(secret, timestamp, nonce, path, body));
    const actual = Buffer.from(given);
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return "bad-signature";
    if (Math.abs(now - Number(timestamp)) > INTERNAL_MAX_AGE_MS) return "stale";
    for (const [key, expiresAt] of seen) {
      if (expiresAt > now) break; // insertion order is (nearly) expiry order
      seen.delete(key);
    }
    if (seen.has(given)) return "replayed";
    seen.set(given, Number(timestamp) + INTERNAL_MAX_AGE_MS);
    return "ok";
  };
}
