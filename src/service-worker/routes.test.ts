import { describe, expect, it } from "vitest";
import { endedOnSignIn, isStorablePage, offlineFallbacks, pageCacheKey, pagesToEvict, requestRule } from "./routes";

const ORIGIN = "https://bm.example";
const PRECACHED = new Set(["/_next/static/chunks/app.js", "/offline.html", "/icons/icon-192.png"]);
const get = (path: string, mode = "no-cors") => ({ method: "GET", url: `${ORIGIN}${path}`, mode });

describe("requestRule", () => {
  it("answers precached files from the precache", () => {
    expect(requestRule(get("/_next/static/chunks/app.js"), ORIGIN, PRECACHED)).toBe("precached");
    expect(requestRule(get("/icons/icon-192.png"), ORIGIN, PRECACHED)).toBe("precached");
  });

  it("treats other Next static files as cacheable build assets", () => {
    expect(requestRule(get("/_next/static/chunks/newer.js"), ORIGIN, PRECACHED)).toBe("static");
  });

  it("takes page navigations network first", () => {
    expect(requestRule(get("/", "navigate"), ORIGIN, PRECACHED)).toBe("page");
    expect(requestRule(get("/chat/0f7c2d1e-0000-4000-8000-000000000000", "navigate"), ORIGIN, PRECACHED)).toBe("page");
  });

  it("never touches the API, tRPC, file downloads or RSC fetches", () => {
    expect(requestRule(get("/api/trpc/chat.list?batch=1"), ORIGIN, PRECACHED)).toBe("network");
    expect(requestRule(get("/api/files/download/abc", "navigate"), ORIGIN, PRECACHED)).toBe("network");
    expect(requestRule(get("/api/avatars/1"), ORIGIN, PRECACHED)).toBe("network");
    expect(requestRule(get("/api", "navigate"), ORIGIN, PRECACHED)).toBe("network");
    expect(requestRule(get("/chat/1?_rsc=x", "cors"), ORIGIN, PRECACHED)).toBe("network");
  });

  it("leaves writes, other origins, files opened directly and query variants of precached files alone", () => {
    expect(requestRule({ method: "POST", url: `${ORIGIN}/`, mode: "navigate" }, ORIGIN, PRECACHED)).toBe("network");
    expect(requestRule({ method: "GET", url: "https://cdn.example/_next/static/chunks/app.js", mode: "no-cors" }, ORIGIN, PRECACHED)).toBe("network");
    expect(requestRule(get("/sw.js", "navigate"), ORIGIN, PRECACHED)).toBe("network");
    expect(requestRule(get("/offline.html?x=1"), ORIGIN, PRECACHED)).toBe("network");
  });
});

describe("pages kept for offline use", () => {
  const ok = { status: 200, redirected: false, type: "basic", contentType: "text/html; charset=utf-8" };

  it("keeps an app page the server rendered", () => {
    expect(isStorablePage(`${ORIGIN}/people`, ok)).toBe(true);
  });

  it("keeps no redirect, error, opaque answer, non-HTML or sign-in/register page", () => {
    expect(isStorablePage(`${ORIGIN}/`, { ...ok, redirected: true })).toBe(false);
    expect(isStorablePage(`${ORIGIN}/`, { ...ok, status: 500 })).toBe(false);
    expect(isStorablePage(`${ORIGIN}/`, { ...ok, status: 0, type: "opaqueredirect" })).toBe(false);
    expect(isStorablePage(`${ORIGIN}/`, { ...ok, contentType: "application/json" })).toBe(false);
    expect(isStorablePage(`${ORIGIN}/sign-in`, ok)).toBe(false);
    expect(isStorablePage(`${ORIGIN}/register`, ok)).toBe(false);
  });

  it("stores pages by path, without the query", () => {
    expect(pageCacheKey(`${ORIGIN}/people?q=ann`)).toBe(`${ORIGIN}/people`);
  });

  it("sees a session that ended: an app page that landed on sign-in", () => {
    expect(endedOnSignIn(`${ORIGIN}/sign-in?next=%2F`, `${ORIGIN}/`)).toBe(true);
    expect(endedOnSignIn(`${ORIGIN}/`, `${ORIGIN}/`)).toBe(false);
    expect(endedOnSignIn(`${ORIGIN}/sign-in`, `${ORIGIN}/sign-in`)).toBe(false);
  });

  it("falls back to the same page, then the app shell, then the offline page", () => {
    expect(offlineFallbacks(`${ORIGIN}/friends?x=1`, "/offline.html")).toEqual([`${ORIGIN}/friends`, `${ORIGIN}/`, `${ORIGIN}/offline.html`]);
    expect(offlineFallbacks(`${ORIGIN}/`, "/offline.html")).toEqual([`${ORIGIN}/`, `${ORIGIN}/offline.html`]);
  });

  it("falls back from a chat to that chat's own page only, never another chat's (its id is in the page)", () => {
    expect(offlineFallbacks(`${ORIGIN}/chat/b`, "/offline.html")).toEqual([`${ORIGIN}/chat/b`, `${ORIGIN}/`, `${ORIGIN}/offline.html`]);
  });
});

describe("pagesToEvict", () => {
  const chats = (count: number) => Array.from({ length: count }, (_, index) => `${ORIGIN}/chat/${index}`);

  it("drops nothing within the bound", () => {
    expect(pagesToEvict([`${ORIGIN}/`, ...chats(49)], ORIGIN)).toEqual([]);
  });

  it("drops the oldest stored pages beyond the bound, counting the app shell", () => {
    expect(pagesToEvict([`${ORIGIN}/`, ...chats(52)], ORIGIN)).toEqual(chats(3));
    expect(pagesToEvict(chats(3), ORIGIN, 2)).toEqual([`${ORIGIN}/chat/0`]);
  });

  it("never drops the app shell, wherever it sits", () => {
    expect(pagesToEvict([...chats(2), `${ORIGIN}/`], ORIGIN, 2)).toEqual([`${ORIGIN}/chat/0`]);
    expect(pagesToEvict([`${ORIGIN}/`, ...chats(2)], ORIGIN, 1)).toEqual(chats(2));
  });
});
