// Shared by the uploadthing tests: a token, an HMAC check written independently of UploadThing's
// code, and a fetch that records every request and answers from a table instead of the network.
import { createHmac, timingSafeEqual } from "node:crypto";

export const API_KEY = "sk_test_0123456789abcdef0123456789abcdef";
export const APP_ID = "bm7testapp";
export const TOKEN = Buffer.from(JSON.stringify({ apiKey: API_KEY, appId: APP_ID, regions: ["sea1"] })).toString("base64");

/** `hmac-sha256=<hex>` of `payload` by `key`, as UploadThing signs URLs and callbacks. */
export function utSignature(payload: string, key = API_KEY): string {
  return `hmac-sha256=${createHmac("sha256", key).update(payload).digest("hex")}`;
}

/** Whether a signed URL's `signature` (the last parameter) is the HMAC of everything before it. */
export function urlSignatureValid(url: string, key = API_KEY): boolean {
  const [unsigned, signature] = url.split("&signature=");
  if (!unsigned || !signature) return false;
  const expected = Buffer.from(utSignature(unsigned, key));
  const actual = Buffer.from(decodeURIComponent(signature));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

interface Recorded {
  url: string;
  method: string;
  headers: Headers;
  request: Request;
}

/** A fetch that records requests; `answer` decides each response (default: 200 `{}`). */
export function fakeFetch(answer: (request: Request) => Response | Promise<Response> = () => Response.json({})) {
  const calls: Recorded[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    // Read the body now, as a real fetch would while sending (a file-backed body may be gone later).
    const body = request.body ? await request.arrayBuffer() : null;
    const copy = () => new Request(request.url, { method: request.method, headers: request.headers, body });
    calls.push({ url: request.url, method: request.method, headers: request.headers, request: copy() });
    return answer(copy());
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}
