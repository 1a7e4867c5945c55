// Auth cookies over a tiny jar interface, so the route handler and tests (createCaller) share one path.
import { env } from "~/env";
import type { SessionTokens } from "./tokens";

export const ACCESS_COOKIE = "bm_at";
export const REFRESH_COOKIE = "bm_rt";
export const LOCALE_COOKIE = "NEXT_LOCALE";

export interface CookieOptions {
  maxAge: number;
  httpOnly?: boolean;
}

export interface CookieJar {
  get(name: string): string | undefined;
  set(name: string, value: string, options: CookieOptions): void;
}

export function setAuthCookies(jar: CookieJar, tokens: SessionTokens): void {
  jar.set(ACCESS_COOKIE, tokens.accessToken, { maxAge: tokens.accessMaxAge, httpOnly: true });
  if (tokens.refreshToken) jar.set(REFRESH_COOKIE, tokens.refreshToken, { maxAge: tokens.refreshMaxAge, httpOnly: true });
}

export function clearAuthCookies(jar: CookieJar): void {
  jar.set(ACCESS_COOKIE, "", { maxAge: 0, httpOnly: true });
  jar.set(REFRESH_COOKIE, "", { maxAge: 0, httpOnly: true });
}

export function setLocaleCookie(jar: CookieJar, locale: string): void {
  jar.set(LOCALE_COOKIE, locale, { maxAge: 365 * 24 * 60 * 60, httpOnly: false });
}

/** A jar reading the request's Cookie header and writing Set-Cookie headers on the response. */
export function headerCookieJar(requestHeaders: Headers, responseHeaders: Headers): CookieJar {
  const values = parseCookieHeader(requestHeaders.get("cookie") ?? "");
  const secure = env.APP_URL.startsWith("https://");
  return {
    get: (name) => values.get(name),
    set(name, value, options) {
      values.set(name, value);
      const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", `Max-Age=${options.maxAge}`, "SameSite=Lax"];
      if (options.httpOnly) parts.push("HttpOnly");
      if (secure) parts.push("Secure");
      responseHeaders.append("Set-Cookie", parts.join("; "));
    },
  };
}

export function parseCookieHeader(header: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    if (!name) continue;
    try {
      values.set(name, decodeURIComponent(part.slice(index + 1).trim()));
    } catch {
      // A malformed cookie is ignored rather than failing the request.
    }
  }
  return values;
}
