// The page's side of the service worker (src/service-worker/): registration, the update that waits
// for the person's "Reload", and forgetting the signed-out person's cached pages.
import { SERVICE_WORKER_URL, SW_MESSAGE, isUserCache, type SwMessage } from "~/shared/service-worker";

function supported(): boolean {
  return typeof navigator !== "undefined" && "serviceWorker" in navigator;
}

function post(worker: ServiceWorker | null | undefined, message: SwMessage) {
  worker?.postMessage(message);
}

/**
 * Registers the worker and calls `onWaiting` whenever a new version is installed and waiting (an
 * update: the first install takes over at once). Production builds only: `next dev` has no sw.js.
 */
export async function registerServiceWorker(onWaiting: (worker: ServiceWorker) => void): Promise<void> {
  if (!supported() || process.env.NODE_ENV !== "production") return;
  const firstVisit = !navigator.serviceWorker.controller;
  const registration = await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: "/", updateViaCache: "none" });
  const check = () => {
    if (registration.waiting && navigator.serviceWorker.controller) onWaiting(registration.waiting);
  };
  registration.addEventListener("updatefound", () => {
    const installing = registration.installing;
    installing?.addEventListener("statechange", () => {
      if (installing.state === "installed") check();
    });
  });
  check();
  // This page loaded before any worker controlled it: let the worker keep it for offline use.
  if (firstVisit) keepForOffline([window.location.href]);
  // A tab left open for days still learns about new versions.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void registration.update().catch(() => undefined);
  });
}

let reloading = false;

/** Lets the waiting worker take over, then reloads once it controls the page (once, whatever fires). */
export function activateWaiting(worker: ServiceWorker): void {
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloading) return;
    reloading = true;
    window.location.reload();
  });
  post(worker, { type: SW_MESSAGE.skipWaiting });
}

/**
 * The realtime server speaks a newer protocol (PROTOCOL_MISMATCH): reload into the new version,
 * through the waiting worker when one is there so the page and its worker stay the same build.
 */
export async function reloadToLatest(): Promise<void> {
  const registration = supported() ? await navigator.serviceWorker.getRegistration().catch(() => undefined) : undefined;
  if (registration?.waiting && navigator.serviceWorker.controller) return activateWaiting(registration.waiting);
  window.location.reload();
}

/** Asks the worker to keep these pages for offline use (it skips those it keeps already). */
export function keepForOffline(urls: string[]): void {
  if (!supported()) return;
  // `ready`: the first visit's worker may still be activating (and never resolves without one).
  void navigator.serviceWorker.ready.then((registration) => {
    for (const url of new Set(urls)) post(registration.active, { type: SW_MESSAGE.cachePage, url });
  });
}

/** Sign-out: deletes every cache that may hold the person's pages, here and in the worker. */
export async function clearUserCaches(): Promise<void> {
  if (typeof caches === "undefined") return;
  const names = await caches.keys();
  await Promise.all(names.filter(isUserCache).map((name) => caches.delete(name)));
  if (supported()) post(navigator.serviceWorker.controller, { type: SW_MESSAGE.signedOut });
}
