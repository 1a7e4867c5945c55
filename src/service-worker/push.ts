/// <reference lib="webworker" />
// Web push in the service worker: filled in by the push/sync work.

export function installPushHandlers(_self: ServiceWorkerGlobalScope): void {}
