/// <reference lib="webworker" />
// The service worker (bundled to public/sw.js by scripts/build-service-worker.ts after `next build`):
// precaches the build's assets, answers page navigations network-first with the stored page or the
// app shell offline, and waits for the app's "reload" before a new version takes over.
import { PAGES_PREFIX, PRECACHE_PREFIX, STATIC_CACHE, SW_MESSAGE, isUserCache, type SwMessage } from "~/shared/service-worker";
import { installPushHandlers } from "./push";
import { endedOnSignIn, isStorablePage, offlineFallbacks, pageCacheKey, pagesToEvict, requestRule } from "./routes";
import { installSyncHandlers } from "./sync";

declare const self: ServiceWorkerGlobalScope;
/** Injected at bundle time: this build's precache (URL + content hash of every entry). */
declare const __BM_PRECACHE__: { cacheName: string; offlinePage: string; entries: { url: string; revision: string }[] };

const PRECACHE = __BM_PRECACHE__;
const PRECACHED = new Set(PRECACHE.entries.map((entry) => entry.url));
const PAGES_CACHE = `${PAGES_PREFIX}${PRECACHE.cacheName.slice(PRECACHE_PREFIX.length)}`;
/** Caches of older builds: their files, and their pages that name those files. */
const outdated = (name: string) => (name.startsWith(PRECACHE_PREFIX) && name !== PRECACHE.cacheName) || (name.startsWith(PAGES_PREFIX) && name !== PAGES_CACHE) || name === STATIC_CACHE;
// A slow network still wins when nothing is stored; with a stored page, this long is the most we wait.
const NAVIGATION_TIMEOUT_MS = 3_000;

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
  // No skipWaiting here: an update waits until the app's "New version — Reload" asks for it, so a
  // page never runs half old code and half new. The very first install activates at once anyway.
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter(outdated).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const rule = requestRule(event.request, self.location.origin, PRECACHED);
  if (rule === "precached") event.respondWith(fromCache(event.request, PRECACHE.cacheName));
  else if (rule === "static") event.respondWith(fromCache(event.request, STATIC_CACHE));
  else if (rule === "page") event.respondWith(navigate(event));
});

self.addEventListener("message", (event) => {
  const message = event.data as SwMessage | null;
  if (message?.type === SW_MESSAGE.skipWaiting) void self.skipWaiting();
  else if (message?.type === SW_MESSAGE.signedOut) event.waitUntil(clearUserCaches());
  else if (message?.type === SW_MESSAGE.cachePage && typeof message.url === "string") event.waitUntil(storePage(message.url));
});

installPushHandlers(self);
installSyncHandlers(self);

async function precache() {
  const cache = await caches.open(PRECACHE.cacheName);
  // `reload`: straight from the server, never a stale HTTP-cache copy under a new revision.
  await cache.addAll(PRECACHE.entries.map((entry) => new Request(entry.url, { cache: "reload" })));
}

/** Cache first; a miss is fetched and kept (only successful, same-origin answers). */
async function fromCache(request: Request, cacheName: string): Promise<Response> {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(request, response.clone());
  return response;
}

async function navigate(event: FetchEvent): Promise<Response> {
  const request = event.request;
  const network = fetch(request).then((response) => {
    event.waitUntil(afterNavigation(request.url, response.clone()));
    return response;
  });
  network.catch(() => undefined); // a failure is handled below; never an unhandled rejection
  const stored = keptPage(pageCacheKey(request.url));
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), NAVIGATION_TIMEOUT_MS));
  try {
    const first = await Promise.race([network, timeout]);
    if (first !== "timeout") return first;
    return (await stored) ?? (await network);
  } catch {
    return (await offlinePage(request.url)) ?? Response.error();
  }
}

async function afterNavigation(requestUrl: string, response: Response) {
  if (endedOnSignIn(response.url, requestUrl)) return clearUserCaches();
  const facts = { status: response.status, redirected: response.redirected, type: response.type, contentType: response.headers.get("content-type") };
  if (isStorablePage(requestUrl, facts)) {
    const cache = await caches.open(PAGES_CACHE);
    await cache.put(pageCacheKey(requestUrl), response);
    await trimPages(cache);
  }
}

async function offlinePage(url: string): Promise<Response | undefined> {
  const [page, shell, offline] = offlineFallbacks(url, PRECACHE.offlinePage);
  return (await keptPage(page!)) ?? (await keptPage(shell!)) ?? (await caches.match(offline!, { cacheName: PRECACHE.cacheName }));
}

/** `caches.match` (unlike `caches.open`) never creates the pages cache: after sign-out none is left. */
function keptPage(key: string): Promise<Response | undefined> {
  return caches.match(key, { cacheName: PAGES_CACHE });
}

/** A page the app asks to keep (see SW_MESSAGE.cachePage), fetched once if not kept yet. */
async function storePage(url: string) {
  if (requestRule({ method: "GET", url, mode: "navigate" }, self.location.origin, PRECACHED) !== "page") return;
  const kept = await keptPage(pageCacheKey(url));
  // Kept already: put again, so it counts as recent and is the last to be dropped.
  if (kept) return (await caches.open(PAGES_CACHE)).put(pageCacheKey(url), kept);
  const response = await fetch(url, { credentials: "same-origin", redirect: "manual" }).catch(() => null);
  if (response) await afterNavigation(url, response);
}

/** Bounds the pages cache (a chat per visited chat): the oldest stored go first. */
async function trimPages(cache: Cache) {
  const keys = (await cache.keys()).map((request) => request.url);
  await Promise.all(pagesToEvict(keys, self.location.origin).map((key) => cache.delete(key)));
}

async function clearUserCaches() {
  const names = await caches.keys();
  await Promise.all(names.filter(isUserCache).map((name) => caches.delete(name)));
}
