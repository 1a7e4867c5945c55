// Signed tokens: the short-lived access JWT (cookie), the socket token for the realtime sidecar,
// and opaque refresh tokens (only their SHA-256 is stored).
import { createHash, randomBytes } from "node:crypto";
import { SignJWT, jwtVerify, errors as joseErrors } from "jose";

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REALTIME_TOKEN_TTL_SECONDS = 5 * 60;

const ISSUER = "brainmessenger";
type Audience = "access" | "realtime";

export interface TokenClaims {
  userId: string;
  sessionId: string;
}

/** What the browser gets when a session starts or renews (set as cookies). */
export interface SessionTokens {
  accessToken: string;
  /** Absent when a request inside the rotation grace period got a new access token only. */
  refreshToken?: string;
  accessMaxAge: number;
  refreshMaxAge: number;
}

/** A valid token's claims, its id (socket tokens are single-use by id) and expiry (ms since epoch). */
export type VerifyResult = { ok: true; claims: TokenClaims; tokenId: string | null; expiresAt: number } | { ok: false; reason: "expired" | "invalid" };

const keys = new Map<string, Promise<CryptoKey>>();

/** The HMAC key for a secret, imported once: importing it per token costs more than the check. */
function key(secret: string): Promise<CryptoKey> {
  let imported = keys.get(secret);
  if (!imported) {
    imported = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    keys.set(secret, imported);
  }
  return imported;
}

async function sign(secret: string, audience: Audience, claims: TokenClaims, ttlSeconds: number): Promise<string> {
  return new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setJti(randomBytes(16).toString("base64url"))
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(await key(secret));
}

async function verifyToken(secret: string, audience: Audience, token: string): Promise<VerifyResult> {
  try {
    const { payload } = await jwtVerify(token, await key(secret), { issuer: ISSUER, audience, algorithms: ["HS256"] });
    if (typeof payload.sub !== "string" || typeof payload.sid !== "string") return { ok: false, reason: "invalid" };
    return {
      ok: true,
      claims: { userId: payload.sub, sessionId: payload.sid },
      tokenId: typeof payload.jti === "string" ? payload.jti : null,
      expiresAt: (payload.exp ?? 0) * 1000,
    };
  } catch (error) {
    return { ok: false, reason: error instanceof joseErrors.JWTExpired ? "expired" : "invalid" };
  }
}

export const signAccessToken = (secret: string, claims: TokenClaims) => sign(secret, "access", claims, ACCESS_TOKEN_TTL_SECONDS);
export const verifyAccessToken = (secret: string, token: string) => verifyToken(secret, "access", token);
export const signRealtimeToken = (secret: string, claims: TokenClaims) => sign(secret, "realtime", claims, REALTIME_TOKEN_TTL_SECONDS);
export const verifyRealtimeToken = (secret: string, token: string) => verifyToken(secret, "realtime", token);

export function newOpaqueToken(): string {
  return randomBytes(32).toString("base64url");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
