// Fan-out of one push job to devices. Each device's push is claimed first (a push_deliveries row,
// unique per device and message): a retried job skips the devices whose push was claimed, so no
// device ever gets a message twice (a crash between claim and send loses that one push instead).
// 2xx: sent. 404/410: the subscription is gone, its row deleted. 429, 5xx, network errors: the
// claim is released and the job fails, to be retried with backoff for the devices still owed.
import { env } from "~/env";
import { query, sql } from "~/server/db/sql";
import { appMetrics } from "~/server/ops/app-metrics";
import { log } from "~/server/ops/logger";
import type { PushPayload } from "~/shared/push-payload";
import { sendPush, type PushOptions } from "./transport";
import { vapidKeys } from "./vapid";

/** A day at least: a push without TTL is dropped while the phone is offline. */
const PUSH_TTL_SECONDS = 24 * 60 * 60;

export interface Device {
  id: string;
  userId: string;
  sessionId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface Delivery {
  device: Device;
  payload: PushPayload;
  options: Omit<PushOptions, "ttl">;
  /** Claimed before sending, so a retry skips this device (absent: resent on retry, for idempotent pushes). */
  marker?: { key: string; chatId?: string; seq?: number };
}

type Outcome = "sent" | "gone" | "failed" | "refused" | "skipped";

/** Sends every delivery; throws (so the job is retried) when any failed in a way worth retrying. */
export async function deliverAll(kind: "message" | "friend" | "close", deliveries: Delivery[]): Promise<Outcome[]> {
  const vapid = vapidKeys();
  if (!vapid || deliveries.length === 0) return [];
  const outcomes = await Promise.all(deliveries.map((delivery) => deliverOne(delivery, vapid)));
  for (const outcome of outcomes) if (outcome !== "skipped") appMetrics().pushDeliveries.inc({ kind, result: outcome === "refused" ? "failed" : outcome });
  const failed = outcomes.filter((outcome) => outcome === "failed").length;
  if (failed > 0) throw new Error(`push: ${failed} of ${deliveries.length} devices failed; retrying them`);
  return outcomes;
}

async function deliverOne({ device, payload, options, marker }: Delivery, vapid: NonNullable<ReturnType<typeof vapidKeys>>): Promise<Outcome> {
  if (marker) {
    const claimed = await query(sql`
      INSERT INTO push_deliveries (subscription_id, key, chat_id, seq) VALUES (${device.id}::uuid, ${marker.key}, ${marker.chatId ?? null}::uuid, ${marker.seq ?? null}::int)
      ON CONFLICT DO NOTHING RETURNING 1 AS one`);
    if (claimed.length === 0) return "skipped";
  }
  const release = () => (marker ? query(sql`DELETE FROM push_deliveries WHERE subscription_id = ${device.id}::uuid AND key = ${marker.key}`) : Promise.resolve());
  let status: number;
  try {
    status = await sendPush(device, JSON.stringify(payload), { ...options, ttl: PUSH_TTL_SECONDS }, vapid, env.PUSH_ALLOW_PRIVATE_ENDPOINTS);
  } catch (error) {
    log().warn({ error: error instanceof Error ? error.message : String(error) }, "push: could not reach the push service");
    await release();
    return "failed";
  }
  if (status >= 200 && status < 300) return "sent";
  if (status === 404 || status === 410) {
    // The browser dropped the subscription (or the user revoked permission): forget the device.
    await query(sql`DELETE FROM push_subscriptions WHERE id = ${device.id}::uuid`);
    return "gone";
  }
  await release();
  log().warn({ status }, "push: the push service refused a push");
  // 429 and 5xx pass; other refusals (400 bad request, 413 too large) would fail the same way again.
  return status === 429 || status >= 500 ? "failed" : "refused";
}

/** Deletes delivery markers older than two days (past every push's TTL and every retry). */
export async function pruneDeliveries(): Promise<number> {
  const rows = await query(sql`DELETE FROM push_deliveries WHERE created_at < now() - interval '2 days' RETURNING 1 AS one`);
  return rows.length;
}
