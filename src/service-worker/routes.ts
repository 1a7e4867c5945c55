// Which requests the service worker answers, and how: the caching rules in one pure place.
// Everything not listed goes to the network untouched: the API (tRPC, auth, files, avatars,
// attachments, metrics), React Server Component fetches, other origins and non-GET requests.

export type RequestRule =
  /** In the precache (build assets, icons, the offline page): cache first. */
  | "precached"
  /** A hashed Next asset of a newer build, not in this worker's precache: cache first. */
  | "static"
  /** A page navigation: network first, the stored page (or the app shell) offline. */
  | "page"
  /** Not the worker's business: straight to the network, never cached. */
  | "network";

export interface RequestFacts {
  method: string;
  url: string;
  mode: string;
}

const FILE_EXTENSION = /\.[A-Za-z0-9]+$/;

export function requestRule(request: RequestFacts, origin: string, precached: ReadonlySet<string>): RequestRule {
  if (request.method !== "GET") return "network";
  const url = new URL(request.url);
  if (url.origin !== origin) return "network";
  if (url.pathname === "/api" || url.pathname.startsWith("/api/")) return "network";
  if (precached.has(url.pathname) && url.search === "") return "precached";
  if (url.pathname.startsWith("/_next/static/")) return "static";
  if (request.mode === "navigate" && !FILE_EXTENSION.test(url.pathname)) return "page";
  return "network";
}

/** Pages are stored by path: `?q=` variants of a page share its shell. */
export function pageCacheKey(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

export interface ResponseFacts {
  status: number;
  redirected: boolean;
  type: string;
  contentType: string | null;
}

/** Public pages: nothing of anyone's, and nothing to do offline (signing in needs the server). */
const AUTH_PAGES = /^\/(?:sign-in|register)(?:\/|$)/;

/** Only an app page the server itself answered (no redirect, no error) is kept for offline use. */
export function isStorablePage(url: string, response: ResponseFacts): boolean {
  if (AUTH_PAGES.test(new URL(url).pathname)) return false;
  return response.status === 200 && !response.redirected && response.type === "basic" && (response.contentType ?? "").startsWith("text/html");
}

/** A page request that ended on sign-in: the session is gone, so are the stored pages of its owner. */
export function endedOnSignIn(responseUrl: string, requestUrl: string): boolean {
  const path = new URL(responseUrl || requestUrl).pathname;
  const asked = new URL(requestUrl).pathname;
  return path === "/sign-in" && asked !== "/sign-in";
}

/** How many pages the worker keeps: the app shell plus the most recently stored others. */
const MAX_KEPT_PAGES = 50;

/**
 * The kept pages to drop, oldest first: `keys` in the cache's order (a `put` appends, so oldest
 * first); the app shell `/` is never dropped, it is every page's last offline fallback.
 */
export function pagesToEvict(keys: readonly string[], origin: string, max = MAX_KEPT_PAGES): string[] {
  const shell = `${origin}/`;
  const others = keys.filter((key) => key !== shell);
  const room = Math.max(0, max - (keys.length - others.length));
  return others.slice(0, Math.max(0, others.length - room));
}

/** Where an offline navigation falls back, best first: the same page, the app shell, the offline page. */
export function offlineFallbacks(url: string, offlinePage: string): string[] {
  const parsed = new URL(url);
  return [...new Set([pageCacheKey(url), `${parsed.origin}/`])].concat(`${parsed.origin}${offlinePage}`);
}
