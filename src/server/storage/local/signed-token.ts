// Compact HMAC-SHA256 tokens for the local driver's URLs: base64url(JSON payload) "." base64url(MAC).
// The payload carries its expiry; a forged, altered or expired token is refused with FORBIDDEN.
import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "~/shared/errors";

interface Expiring {
  /** Expiry, seconds since the epoch. */
  exp: number;
}

function mac(key: Buffer, body: string): Buffer {
  return createHmac("sha256", key).update(body).digest();
}

export function signToken<T extends object>(key: Buffer, payload: T, expiresAt: Date): string {
  const body = Buffer.from(JSON.stringify({ ...payload, exp: Math.floor(expiresAt.getTime() / 1000) })).toString("base64url");
  return `${body}.${mac(key, body).toString("base64url")}`;
}

export function verifyToken<T extends object>(key: Buffer, token: string, now = Date.now()): T & Expiring {
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) throw new AppError("FORBIDDEN", "Malformed storage token");
  const expected = mac(key, body);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError("FORBIDDEN", "Invalid storage token");
  const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as T & Expiring;
  if (typeof payload.exp !== "number" || payload.exp * 1000 <= now) throw new AppError("FORBIDDEN", "Storage link has expired");
  return payload;
}
