// Runs before every page (the auth pages included): gives the response its Content-Security-Policy
// with a fresh script nonce (Next reads it from the request's CSP header and puts it on its own
// scripts; the root layout reads `x-nonce` for the theme script), and HSTS over https.
// Signed-out visitors of app pages go to sign-in first. Only checks that a session cookie exists
// (no database here); the pages themselves redirect when account.me says the session is gone.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "~/env";
import { contentSecurityPolicy, newNonce, strictTransportSecurity } from "~/server/http/security-headers";
import { storageBrowserOrigins } from "~/server/storage/browser-origins";
import { signInPath } from "~/shared/safe-redirect";

const SESSION_COOKIES = ["bm_at", "bm_rt"];
const PUBLIC_PAGES = /^\/(?:sign-in|register)(?:\/|$)/;

function withSecurityHeaders(response: NextResponse, csp: string): NextResponse {
  response.headers.set("Content-Security-Policy", csp);
  const hsts = strictTransportSecurity(env.APP_URL);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = contentSecurityPolicy({
    nonce,
    realtimeUrls: env.REALTIME_PUBLIC_URL,
    dev: process.env.NODE_ENV === "development",
    https: env.APP_URL.startsWith("https://"),
    storageOrigins: storageBrowserOrigins(env),
  });
  const { pathname, searchParams } = request.nextUrl;

  if (!PUBLIC_PAGES.test(pathname) && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    searchParams.delete("_rsc");
    const query = searchParams.toString();
    return withSecurityHeaders(NextResponse.redirect(new URL(signInPath(query ? `${pathname}?${query}` : pathname), request.url)), csp);
  }

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers } }), csp);
}

export const config = {
  // Every page; not the API, Next's assets or files with an extension (next.config.mjs gives
  // those the static security headers).
  matcher: ["/((?!api(?:/|$)|_next/|.*\\.[A-Za-z0-9]+$).*)"],
};
