// Background Sync (Chromium): a message queued without a connection asks the service worker for a
// "outbox" sync, so it is sent when the connection returns even if every tab has been closed by then
// (src/service-worker/sync.ts). Without a service worker or the API, the next open sends it.

export const OUTBOX_SYNC_TAG = "outbox";

/** TypeScript's DOM types lack Background Sync; `sync` is missing where the browser has none (Firefox, Safari). */
interface WithSync {
  sync?: { register(tag: string): Promise<void> };
}

export function requestBackgroundSync(): void {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
  void navigator.serviceWorker
    .getRegistration()
    .then((registration?: ServiceWorkerRegistration & WithSync) => registration?.sync?.register(OUTBOX_SYNC_TAG))
    .catch(() => undefined);
}
