import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { env } from "~/env";
import { db } from "~/server/db";
import { ACCESS_COOKIE, REFRESH_COOKIE } from "~/server/auth/cookies";
import { sha256, signAccessToken, verifyAccessToken } from "~/server/auth/tokens";
import { expectTRPCError, newClient, registerUser, TestCookieJar } from "../../../../test/trpc";

/** A browser that kept only some of the cookies (e.g. the access cookie expired and was dropped). */
function browserWith(cookies: Record<string, string>) {
  return newClient({ jar: new TestCookieJar(cookies) });
}

async function sessionOf(userId: string) {
  return db.session.findFirstOrThrow({ where: { userId } });
}

async function expiredAccessToken(userId: string, sessionId: string) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sid: sessionId })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setIssuer("brainmessenger")
    .setAudience("access")
    .setIssuedAt(now - 20 * 60)
    .setExpirationTime(now - 5 * 60)
    .sign(new TextEncoder().encode(env.AUTH_SECRET));
}

describe("renewal from the refresh cookie", () => {
  it("without an access cookie: renews transparently, sets a new bm_at and a rotated bm_rt", async () => {
    const { user, jar } = await registerUser();
    const oldRefresh = jar.get(REFRESH_COOKIE)!;
    const before = await sessionOf(user.id);
    expect(before.refreshHash).toBe(sha256(oldRefresh));

    const browser = browserWith({ [REFRESH_COOKIE]: oldRefresh });
    expect((await browser.call().account.me()).id).toBe(user.id);

    const newRefresh = browser.jar.get(REFRESH_COOKIE)!;
    expect(await verifyAccessToken(env.AUTH_SECRET, browser.jar.get(ACCESS_COOKIE)!)).toMatchObject({ ok: true, claims: { userId: user.id, sessionId: before.id } });
    expect(newRefresh).not.toBe(oldRefresh);
    const after = await sessionOf(user.id);
    expect(after.id).toBe(before.id);
    expect(after.refreshHash).toBe(sha256(newRefresh));
    expect(after.prevRefreshHash).toBe(sha256(oldRefresh));
    expect(after.rotatedAt.getTime()).toBeGreaterThanOrEqual(before.rotatedAt.getTime());
    expect(after.expiresAt.getTime()).toBeGreaterThanOrEqual(before.expiresAt.getTime());

    // The new access cookie now serves on its own, without another rotation.
    expect((await browser.call().account.me()).id).toBe(user.id);
    expect((await sessionOf(user.id)).refreshHash).toBe(sha256(newRefresh));
  });

  it("with an expired access cookie: renews the same way", async () => {
    const { user, jar } = await registerUser();
    const session = await sessionOf(user.id);
    const oldRefresh = jar.get(REFRESH_COOKIE)!;
    const expired = await expiredAccessToken(user.id, session.id);
    const browser = browserWith({ [ACCESS_COOKIE]: expired, [REFRESH_COOKIE]: oldRefresh });

    expect((await browser.call().account.me()).id).toBe(user.id);
    expect(browser.jar.get(ACCESS_COOKIE)).not.toBe(expired);
    expect(browser.jar.get(REFRESH_COOKIE)).not.toBe(oldRefresh);
    expect((await sessionOf(user.id)).refreshHash).toBe(sha256(browser.jar.get(REFRESH_COOKIE)!));
  });

  it("the replaced refresh token still works within the grace period, without rotating again", async () => {
    const { user, jar } = await registerUser();
    const oldRefresh = jar.get(REFRESH_COOKIE)!;
    const first = browserWith({ [REFRESH_COOKIE]: oldRefresh });
    await first.call().account.me();
    const rotated = await sessionOf(user.id);

    const second = browserWith({ [REFRESH_COOKIE]: oldRefresh });
    expect((await second.call().account.me()).id).toBe(user.id);
    expect(await verifyAccessToken(env.AUTH_SECRET, second.jar.get(ACCESS_COOKIE)!)).toMatchObject({ ok: true, claims: { userId: user.id, sessionId: rotated.id } });
    // Only a new access token: the refresh cookie is not rewritten, the row is not rotated again.
    expect(second.jar.writes.map((write) => write.name)).toEqual([ACCESS_COOKIE]);
    const after = await sessionOf(user.id);
    expect(after.refreshHash).toBe(rotated.refreshHash);
    expect(after.prevRefreshHash).toBe(rotated.prevRefreshHash);
    expect((await first.call().account.me()).id).toBe(user.id);
  });

  it("parallel renewals from one tab all succeed and rotate once", async () => {
    const { user, jar } = await registerUser();
    const oldRefresh = jar.get(REFRESH_COOKIE)!;
    const tabs = Array.from({ length: 4 }, () => browserWith({ [REFRESH_COOKIE]: oldRefresh }));
    const results = await Promise.all(tabs.map((tab) => tab.call().account.me()));
    for (const me of results) expect(me.id).toBe(user.id);
    const after = await sessionOf(user.id);
    expect(after.prevRefreshHash).toBe(sha256(oldRefresh));
    const rotatedTo = tabs.map((tab) => tab.jar.get(REFRESH_COOKIE)).filter((value) => value !== oldRefresh);
    expect(rotatedTo).toHaveLength(1);
    expect(after.refreshHash).toBe(sha256(rotatedTo[0]!));
  });

  it("the replaced refresh token after the grace period revokes the session (token theft)", async () => {
    const { user, jar } = await registerUser();
    const oldRefresh = jar.get(REFRESH_COOKIE)!;
    const legit = browserWith({ [REFRESH_COOKIE]: oldRefresh });
    await legit.call().account.me();
    const session = await sessionOf(user.id);
    await db.session.update({ where: { id: session.id }, data: { rotatedAt: new Date(Date.now() - 2 * 60_000) } });

    const thief = browserWith({ [REFRESH_COOKIE]: oldRefresh });
    await expectTRPCError(thief.call().account.me(), "UNAUTHORIZED");
    expect(thief.jar.has(REFRESH_COOKIE)).toBe(false);
    expect(await db.session.count({ where: { id: session.id } })).toBe(0);
    // The legitimate holder of the current tokens is signed out too.
    await expectTRPCError(legit.call().account.me(), "UNAUTHORIZED");
    await expectTRPCError(browserWith({ [REFRESH_COOKIE]: legit.jar.get(REFRESH_COOKIE) ?? "" }).call().account.me(), "UNAUTHORIZED");
  });

  it("an unknown refresh token is not signed in and its cookies are cleared", async () => {
    const browser = browserWith({ [REFRESH_COOKIE]: "made-up-refresh-token" });
    await expectTRPCError(browser.call().account.me(), "UNAUTHORIZED");
    expect(browser.jar.has(REFRESH_COOKIE)).toBe(false);
    expect(browser.jar.writes.map((w) => [w.name, w.options.maxAge])).toEqual([
      [ACCESS_COOKIE, 0],
      [REFRESH_COOKIE, 0],
    ]);
  });
});

describe("refusals", () => {
  it("a forged access token (other secret) is not signed in", async () => {
    const { user } = await registerUser();
    const session = await sessionOf(user.id);
    const forged = await signAccessToken("an-attacker-secret-0123456789-abcdefghij", { userId: user.id, sessionId: session.id });
    await expectTRPCError(browserWith({ [ACCESS_COOKIE]: forged }).call().account.me(), "UNAUTHORIZED");
    // A validly signed token naming someone else's session is refused too.
    const other = await registerUser();
    const mixed = await signAccessToken(env.AUTH_SECRET, { userId: other.user.id, sessionId: session.id });
    await expectTRPCError(browserWith({ [ACCESS_COOKIE]: mixed }).call().account.me(), "UNAUTHORIZED");
  });

  it("a session past its expiresAt is not signed in, by access or refresh cookie", async () => {
    const { user, jar, call } = await registerUser();
    const session = await sessionOf(user.id);
    await db.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectTRPCError(call().account.me(), "UNAUTHORIZED");
    expect(jar.has(ACCESS_COOKIE)).toBe(false);
    expect(jar.has(REFRESH_COOKIE)).toBe(false);
    const session2 = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(session2.refreshHash).toBe(session.refreshHash); // not renewed
  });

  it("a deleted session is not signed in even with a still-valid access token", async () => {
    const { user, jar } = await registerUser();
    await db.session.deleteMany({ where: { userId: user.id } });
    await expectTRPCError(browserWith({ [ACCESS_COOKIE]: jar.get(ACCESS_COOKIE)! }).call().account.me(), "UNAUTHORIZED");
  });

  it("a realtime token is not accepted as the access cookie", async () => {
    const { call } = await registerUser();
    const { token } = await call().realtime.token();
    await expectTRPCError(browserWith({ [ACCESS_COOKIE]: token }).call().account.me(), "UNAUTHORIZED");
  });
});
