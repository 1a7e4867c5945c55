// The VAPID identity the server signs pushes with (env, or generated into .data/vapid.json by `npm start`).
import { env } from "~/env";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** The configured keys, or null when push is not configured (no push is sent, subscribing is refused). */
export function vapidKeys(): VapidKeys | null {
  if (!env.VAPID_PUBLIC_KEY || !env.VAPID_PRIVATE_KEY) return null;
  return { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject: env.VAPID_SUBJECT };
}
