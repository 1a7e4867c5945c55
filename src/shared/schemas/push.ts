// Web Push subscriptions as the browser's PushSubscription.toJSON() gives them.
import { z } from "zod";
import { ZId } from "./chat";

const base64url = (bytes: number, what: string) =>
  z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}={0,2}$`), `${what} must be ${bytes} bytes, base64url`).transform((value) => value.replace(/=+$/, ""));

const ZPushEndpoint = z.url({ protocol: /^https?$/, error: "The push endpoint must be an http(s) URL" }).max(2048);

export const ZPushSubscribeInput = z.object({
  endpoint: ZPushEndpoint,
  keys: z.object({
    /** The device's ECDH P-256 public key, uncompressed (65 bytes). */
    p256dh: base64url(65, "p256dh"),
    /** The shared authentication secret (16 bytes). */
    auth: base64url(16, "auth"),
  }),
});
export type TPushSubscribeInput = z.input<typeof ZPushSubscribeInput>;

export const ZPushEndpointInput = z.object({ endpoint: ZPushEndpoint });

/** Mute a chat's notifications for a while, for good (`forever`), or unmute (`null`). */
export const ZChatMuteInput = z.object({ chatId: ZId, duration: z.enum(["1h", "8h", "1w", "forever"]).nullable() });
export type TChatMuteDuration = z.output<typeof ZChatMuteInput>["duration"];
