// Background Sync (Chromium): a message queued without a connection asks the service worker for a
// "outbox" sync, so it is sent when the connection returns even if every tab has been closed by then
// (src/service-worker/sync.ts). Without a service worker or the API, the next open sends it.

export const OUTBOX_SYNC_TAG = "outbox";

interface SyncRegistration {
  sync?: { register(tag: string): Promise<void> };
}

export function requestBackgroundSync(): void {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
  void navigator.serviceWorker
    .getRegistration()
    .then((registration) => (registration as (ServiceWorkerRegistration & SyncRegistration) | undefined)?.sync?.register(OUTBOX_SYNC_TAG))
    .catch(() => undefined);
}
