// A device's push subscription, bound to the session (browser) that made it: signing out or ending
// the session deletes it (foreign key cascade). An endpoint seen again is rebound to the current
// session and user; a session keeps one subscription (a browser that rotated it replaces the old).
import { env } from "~/env";
import { db } from "~/server/db";
import { AppError } from "~/shared/errors";
import type { ZPushSubscribeInput } from "~/shared/schemas/push";
import type { z } from "zod";
import { assertPushEndpoint } from "./endpoint-policy";
import { vapidKeys } from "./vapid";

interface Caller {
  userId: string;
  sessionId: string;
  userAgent: string | null;
}

/** The key browsers subscribe with (`applicationServerKey`), or null when push is not configured. */
export const pushPublicKey = (): string | null => vapidKeys()?.publicKey ?? null;

export async function subscribePush(caller: Caller, input: z.output<typeof ZPushSubscribeInput>): Promise<{ subscribed: true }> {
  if (!vapidKeys()) throw new AppError("BAD_REQUEST", "Push notifications are not configured on this server");
  assertPushEndpoint(input.endpoint, env.PUSH_ALLOW_PRIVATE_ENDPOINTS);
  const binding = { userId: caller.userId, sessionId: caller.sessionId, p256dh: input.keys.p256dh, auth: input.keys.auth, userAgent: caller.userAgent?.slice(0, 512) ?? null };
  await db.$transaction([
    db.pushSubscription.deleteMany({ where: { sessionId: caller.sessionId, endpoint: { not: input.endpoint } } }),
    // Rebinding forgets what was sent to it before (the markers belong to the previous binding).
    db.pushSubscription.upsert({ where: { endpoint: input.endpoint }, create: { endpoint: input.endpoint, ...binding }, update: { ...binding, lastUsedAt: new Date(), deliveries: { deleteMany: {} } } }),
  ]);
  return { subscribed: true };
}

/** Removes this endpoint's subscription, if it is the caller's. */
export async function unsubscribePush(userId: string, endpoint: string): Promise<{ subscribed: false }> {
  await db.pushSubscription.deleteMany({ where: { endpoint, userId } });
  return { subscribed: false };
}

/** Whether this session (browser) has a subscription on the server. */
export async function pushStatus(sessionId: string): Promise<{ subscribed: boolean }> {
  return { subscribed: (await db.pushSubscription.count({ where: { sessionId } })) > 0 };
}
