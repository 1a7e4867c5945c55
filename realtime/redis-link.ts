// The sidecar's Redis clients: errors observed (never an unhandled 'error' event), quick reconnects,
// and a callback when a link that had been lost is back. While the subscriber was down this node
// heard none of the app's events, so its clients must catch up (`sync:required`).
import { Redis } from "ioredis";
import { observeRedisErrors, redisOptions } from "~/server/redis";

/** Lets the re-subscription (sent right after 'ready') land before clients are told to catch up. */
const RESUBSCRIBE_GRACE_MS = 100;

export function createRedisClients(url: string): { pub: Redis; sub: Redis } {
  return { pub: observeRedisErrors(new Redis(url, redisOptions()), "sidecar pub"), sub: observeRedisErrors(new Redis(url, redisOptions()), "sidecar sub") };
}

/** Calls `onRestored` each time `client` becomes ready again after having lost its connection. */
export function onRedisRestored(client: Redis, onRestored: () => void): void {
  let connectedBefore = false;
  let lost = false;
  client.on("ready", () => {
    if (connectedBefore && lost) setTimeout(onRestored, RESUBSCRIBE_GRACE_MS);
    connectedBefore = true;
    lost = false;
  });
  client.on("close", () => {
    if (connectedBefore) lost = true;
  });
}
