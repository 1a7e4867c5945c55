// The sidecar's Redis clients: errors observed (never an unhandled 'error' event), quick reconnects,
// and a callback when a link that had been lost is back. While the subscriber was down this node
// heard none of the app's events, so its clients must catch up (`sync:required`).
import { Redis } from "ioredis";
import { observeRedisErrors, redisOptions } from "~/server/redis";
import { log } from "~/server/ops/logger";

/** Lets the re-subscription (sent right after 'ready') land before clients are told to catch up. */
const RESUBSCRIBE_GRACE_MS = 100;

export function createRedisClients(url: string): { pub: Redis; sub: Redis } {
  const pub = observeRedisErrors(new Redis(url, redisOptions({ maxRetriesPerRequest: 2 })), "sidecar pub");
  return { pub: observePublishFailures(pub), sub: observeRedisErrors(new Redis(url, redisOptions()), "sidecar sub") };
}

/** The adapter fires PUBLISH without awaiting it: while Redis is down each failure would be an
 * unhandled rejection (fatal in Node). Count them instead; the lost events are caught up after. */
function observePublishFailures(client: Redis): Redis {
  const publish = client.publish.bind(client) as (...args: unknown[]) => Promise<number>;
  let failures = 0;
  client.on("ready", () => (failures = 0));
  (client as unknown as { publish: (...args: unknown[]) => Promise<number> }).publish = (...args) => {
    const result = publish(...args);
    result.catch(() => {
      if (failures++ === 0) log().warn({ redis: "sidecar pub" }, "redis: publish failed; events of this outage are caught up by clients later");
    });
    return result;
  };
  return client;
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
