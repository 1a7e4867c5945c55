/// <reference lib="webworker" />
// Background sync of the outbox in the service worker: filled in by the push/sync work.

export function installSyncHandlers(_self: ServiceWorkerGlobalScope): void {}
