import { SignJWT } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ACCESS_TOKEN_TTL_SECONDS,
  newOpaqueToken,
  REALTIME_TOKEN_TTL_SECONDS,
  sha256,
  signAccessToken,
  signRealtimeToken,
  verifyAccessToken,
  verifyRealtimeToken,
} from "./tokens";

const SECRET = "unit-test-secret-0123456789abcdefghijklmnop";
const OTHER_SECRET = "another-secret-0123456789abcdefghijklmnopq";

/** An access token signed with SECRET but built by hand, with the given payload and issuer. */
function handMadeAccessToken(payload: Record<string, string>, issuer: string) {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.userId)
    .setIssuer(issuer)
    .setAudience("access")
    .setExpirationTime("5m")
    .sign(new TextEncoder().encode(SECRET));
}
const claims = { userId: "11111111-1111-4111-8111-111111111111", sessionId: "22222222-2222-4222-8222-222222222222" };

afterEach(() => {
  vi.useRealTimers();
});

describe("access tokens", () => {
  it("verify with the secret that signed them and carry the claims", async () => {
    const token = await signAccessToken(SECRET, claims);
    expect(await verifyAccessToken(SECRET, token)).toMatchObject({ ok: true, claims });
  });

  it("expire after the access TTL with reason 'expired'", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-01-01T00:00:00Z");
    vi.setSystemTime(start);
    const token = await signAccessToken(SECRET, claims);
    vi.setSystemTime(start.getTime() + (ACCESS_TOKEN_TTL_SECONDS - 5) * 1000);
    expect((await verifyAccessToken(SECRET, token)).ok).toBe(true);
    vi.setSystemTime(start.getTime() + (ACCESS_TOKEN_TTL_SECONDS + 5) * 1000);
    expect(await verifyAccessToken(SECRET, token)).toEqual({ ok: false, reason: "expired" });
  });

  it("signed with another secret are 'invalid'", async () => {
    const token = await signAccessToken(OTHER_SECRET, claims);
    expect(await verifyAccessToken(SECRET, token)).toEqual({ ok: false, reason: "invalid" });
  });

  it("with a tampered payload are 'invalid'", async () => {
    const token = await signAccessToken(SECRET, claims);
    const [header, payload, signature] = token.split(".");
    const forged = JSON.parse(Buffer.from(payload!, "base64url").toString()) as Record<string, unknown>;
    forged.sub = "33333333-3333-4333-8333-333333333333";
    const tampered = [header, Buffer.from(JSON.stringify(forged)).toString("base64url"), signature].join(".");
    expect(await verifyAccessToken(SECRET, tampered)).toEqual({ ok: false, reason: "invalid" });
  });

  it("with alg 'none' or garbage are 'invalid'", async () => {
    const unsigned = [
      Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url"),
      Buffer.from(JSON.stringify({ sub: claims.userId, sid: claims.sessionId, aud: "access", iss: "brainmessenger", exp: 9999999999 })).toString("base64url"),
      "",
    ].join(".");
    for (const token of [unsigned, "", "not.a.jwt", "a.b", newOpaqueToken()]) {
      expect(await verifyAccessToken(SECRET, token), token).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("without the session id claim are 'invalid'", async () => {
    expect(await verifyAccessToken(SECRET, await handMadeAccessToken({}, "brainmessenger"))).toEqual({ ok: false, reason: "invalid" });
  });

  it("from another issuer are 'invalid'", async () => {
    expect(await verifyAccessToken(SECRET, await handMadeAccessToken({ sid: claims.sessionId }, "someone-else"))).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("realtime tokens", () => {
  it("verify and carry the claims", async () => {
    const token = await signRealtimeToken(SECRET, claims);
    expect(await verifyRealtimeToken(SECRET, token)).toMatchObject({ ok: true, claims, tokenId: expect.any(String) as string });
  });

  it("expire after the realtime TTL, which is shorter than the access TTL", async () => {
    expect(REALTIME_TOKEN_TTL_SECONDS).toBeLessThan(ACCESS_TOKEN_TTL_SECONDS);
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2026-01-01T00:00:00Z");
    vi.setSystemTime(start);
    const token = await signRealtimeToken(SECRET, claims);
    vi.setSystemTime(start.getTime() + (REALTIME_TOKEN_TTL_SECONDS + 5) * 1000);
    expect(await verifyRealtimeToken(SECRET, token)).toEqual({ ok: false, reason: "expired" });
  });

  it("signed with another secret are 'invalid'", async () => {
    const token = await signRealtimeToken(OTHER_SECRET, claims);
    expect(await verifyRealtimeToken(SECRET, token)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("audience separation", () => {
  it("an access token is not a realtime token", async () => {
    const access = await signAccessToken(SECRET, claims);
    expect(await verifyRealtimeToken(SECRET, access)).toEqual({ ok: false, reason: "invalid" });
  });

  it("a realtime token is not an access token", async () => {
    const realtime = await signRealtimeToken(SECRET, claims);
    expect(await verifyAccessToken(SECRET, realtime)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("opaque refresh tokens", () => {
  it("are random, URL-safe and 256-bit", () => {
    const tokens = new Set(Array.from({ length: 100 }, () => newOpaqueToken()));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("are stored as their SHA-256 hex digest", () => {
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256("abc")).not.toBe(sha256("abd"));
  });
});
