// What the app and its service worker (src/service-worker/) agree on: the script's URL, the
// messages the page posts to it, and the Cache Storage names that may hold a person's pages.

export const SERVICE_WORKER_URL = "/sw.js";

/** Messages the page posts to the service worker. */
export const SW_MESSAGE = {
  /** The "new version — reload" toast was clicked: the waiting worker takes over now. */
  skipWaiting: "SKIP_WAITING",
  /** The person signed out: drop every cache that holds their pages. */
  signedOut: "SIGNED_OUT",
  /** Keep this page for offline use unless it is already kept (the first visit loaded before the
   * worker controlled it; the app shell "/" once signed in, whichever page was opened). */
  cachePage: "CACHE_PAGE",
} as const;

export type SwMessage = { type: typeof SW_MESSAGE.skipWaiting } | { type: typeof SW_MESSAGE.signedOut } | { type: typeof SW_MESSAGE.cachePage; url: string };

/** Every cache of the app starts with this (other origins' caches are not ours to touch anyway). */
const CACHE_PREFIX = "bm-";
/** Build assets (same for everyone): `bm-precache-<hash of the precache list>`. */
export const PRECACHE_PREFIX = `${CACHE_PREFIX}precache-`;
/** Hashed `/_next/static/` files a newer build loaded before its worker took over. */
export const STATIC_CACHE = `${CACHE_PREFIX}static`;
/** Pages (HTML) rendered for the signed-in person, one cache per build (`bm-pages-<hash>`, since a
 * page names its build's assets): cleared on sign-out. */
export const PAGES_PREFIX = `${CACHE_PREFIX}pages-`;

/** A cache that may hold something of the signed-in person (everything of ours but build assets). */
export function isUserCache(name: string): boolean {
  return name.startsWith(CACHE_PREFIX) && !name.startsWith(PRECACHE_PREFIX) && name !== STATIC_CACHE;
}
