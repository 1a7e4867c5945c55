// Signed-out visitors of app pages go to sign-in first. Only checks that a session cookie exists
// (no database here); the pages themselves redirect when user.me says the session is gone.
import { NextResponse, type NextRequest } from "next/server";
import { signInPath } from "~/shared/safe-redirect";

const SESSION_COOKIES = ["bm_at", "bm_rt"];

export function proxy(request: NextRequest) {
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const { pathname, searchParams } = request.nextUrl;
  searchParams.delete("_rsc");
  const query = searchParams.toString();
  return NextResponse.redirect(new URL(signInPath(query ? `${pathname}?${query}` : pathname), request.url));
}

export const config = {
  // Every page except the auth pages, the API, Next's assets and files with an extension.
  matcher: ["/((?!api(?:/|$)|_next/|sign-in(?:/|$)|register(?:/|$)|.*\\.[A-Za-z0-9]+$).*)"],
};
