import { afterEach, describe, expect, it, vi } from "vitest";

async function loadCookies(appUrl?: string) {
  vi.resetModules();
  if (appUrl) vi.stubEnv("APP_URL", appUrl);
  return import("./cookies");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

const tokens = { accessToken: "access.jwt.value", refreshToken: "refresh-token_value", accessMaxAge: 900, refreshMaxAge: 2592000 };

describe("parseCookieHeader", () => {
  it("reads name=value pairs separated by semicolons, trimming spaces", async () => {
    const { parseCookieHeader } = await loadCookies();
    const values = parseCookieHeader("bm_at=abc; bm_rt=def ;NEXT_LOCALE=en");
    expect(Object.fromEntries(values)).toEqual({ bm_at: "abc", bm_rt: "def", NEXT_LOCALE: "en" });
  });

  it("URL-decodes values and keeps '=' inside a value", async () => {
    const { parseCookieHeader } = await loadCookies();
    const values = parseCookieHeader("a=hello%20world; b=x=y==; c=%D0%BF%D1%80%D0%B8");
    expect(values.get("a")).toBe("hello world");
    expect(values.get("b")).toBe("x=y==");
    expect(values.get("c")).toBe("при");
  });

  it("skips malformed parts without failing", async () => {
    const { parseCookieHeader } = await loadCookies();
    const values = parseCookieHeader("novalue; =orphan; bad=%E0%A4%A; ok=1;;  ; also_ok=");
    expect(Object.fromEntries(values)).toEqual({ ok: "1", also_ok: "" });
  });

  it("returns an empty map for an empty header", async () => {
    const { parseCookieHeader } = await loadCookies();
    expect(parseCookieHeader("").size).toBe(0);
  });
});

describe("headerCookieJar", () => {
  it("reads the request's cookies", async () => {
    const { headerCookieJar } = await loadCookies();
    const jar = headerCookieJar(new Headers({ cookie: "bm_at=one; bm_rt=two" }), new Headers());
    expect(jar.get("bm_at")).toBe("one");
    expect(jar.get("bm_rt")).toBe("two");
    expect(jar.get("missing")).toBeUndefined();
  });

  it("writes auth cookies as httpOnly, SameSite=Lax, Path=/ with their Max-Age, not Secure on http", async () => {
    const { headerCookieJar, setAuthCookies } = await loadCookies("http://localhost:3000");
    const response = new Headers();
    setAuthCookies(headerCookieJar(new Headers(), response), tokens);
    const cookies = response.getSetCookie();
    expect(cookies).toEqual([
      "bm_at=access.jwt.value; Path=/; Max-Age=900; SameSite=Lax; HttpOnly",
      "bm_rt=refresh-token_value; Path=/; Max-Age=2592000; SameSite=Lax; HttpOnly",
    ]);
  });

  it("adds Secure when the app is served over https", async () => {
    const { headerCookieJar, setAuthCookies } = await loadCookies("https://chat.example.com");
    const response = new Headers();
    setAuthCookies(headerCookieJar(new Headers(), response), tokens);
    for (const cookie of response.getSetCookie()) expect(cookie.split("; ")).toContain("Secure");
  });

  it("leaves the refresh cookie alone when only a new access token was issued", async () => {
    const { headerCookieJar, setAuthCookies } = await loadCookies();
    const response = new Headers();
    setAuthCookies(headerCookieJar(new Headers(), response), { ...tokens, refreshToken: undefined });
    expect(response.getSetCookie()).toHaveLength(1);
    expect(response.getSetCookie()[0]).toMatch(/^bm_at=/);
  });

  it("clears both auth cookies with Max-Age=0", async () => {
    const { clearAuthCookies, headerCookieJar } = await loadCookies();
    const response = new Headers();
    const jar = headerCookieJar(new Headers({ cookie: "bm_at=one; bm_rt=two" }), response);
    clearAuthCookies(jar);
    expect(response.getSetCookie()).toEqual([
      "bm_at=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly",
      "bm_rt=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly",
    ]);
  });

  it("sets the locale cookie readable by scripts, for a year", async () => {
    const { headerCookieJar, setLocaleCookie } = await loadCookies();
    const response = new Headers();
    setLocaleCookie(headerCookieJar(new Headers(), response), "en");
    const [cookie] = response.getSetCookie();
    expect(cookie).toBe(`NEXT_LOCALE=en; Path=/; Max-Age=${365 * 24 * 60 * 60}; SameSite=Lax`);
    expect(cookie).not.toMatch(/HttpOnly/);
  });

  it("URL-encodes values, so a value cannot add attributes", async () => {
    const { headerCookieJar } = await loadCookies();
    const response = new Headers();
    headerCookieJar(new Headers(), response).set("x", "a; Domain=evil.com", { maxAge: 10 });
    expect(response.getSetCookie()[0]).toBe("x=a%3B%20Domain%3Devil.com; Path=/; Max-Age=10; SameSite=Lax");
  });

  it("later reads in the same request see what was written", async () => {
    const { headerCookieJar } = await loadCookies();
    const jar = headerCookieJar(new Headers({ cookie: "bm_at=old" }), new Headers());
    jar.set("bm_at", "new", { maxAge: 900, httpOnly: true });
    expect(jar.get("bm_at")).toBe("new");
  });
});
