// This device's Web Push subscription, from the page: permission, the browser's PushManager and the
// server's push router. Push needs a secure origin (https, or localhost) and a service worker;
// iOS offers it to installed PWAs only (16.4+).
import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "~/server/api/root";
import type { TPushSubscribeInput } from "~/shared/schemas/push";

/** What the device switch shows. */
export type PushDeviceState = "unsupported" | "unconfigured" | "denied" | "off" | "on";

type Api = TRPCClient<AppRouter>;

function pushSupported(): boolean {
  return typeof window !== "undefined" && window.isSecureContext && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

async function browserSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration();
  return (await registration?.pushManager.getSubscription()) ?? null;
}

function toInput(subscription: PushSubscription): TPushSubscribeInput {
  const json = subscription.toJSON();
  return { endpoint: subscription.endpoint, keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" } };
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64url.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** Where this device stands: the browser's permission and subscription, and the server's record of it. */
export async function pushDeviceState(api: Api): Promise<PushDeviceState> {
  if (!pushSupported()) return "unsupported";
  if (!(await api.push.publicKey.query()).publicKey) return "unconfigured";
  if (Notification.permission === "denied") return "denied";
  if (Notification.permission !== "granted" || !(await browserSubscription())) return "off";
  return (await api.push.status.query()).subscribed ? "on" : "off";
}

// Whose subscription this browser holds: another person signing in here is never subscribed silently.
const OWNER_KEY = "bm-push-owner";

/** Asks for permission (call it from a click), subscribes, and hands the subscription to the server. */
export async function enablePush(api: Api, userId: string): Promise<PushDeviceState> {
  if (!pushSupported()) return "unsupported";
  const { publicKey } = await api.push.publicKey.query();
  if (!publicKey) return "unconfigured";
  const permission = await Notification.requestPermission();
  if (permission !== "granted") return permission === "denied" ? "denied" : "off";
  const registration = await navigator.serviceWorker.ready;
  const subscription =
    (await registration.pushManager.getSubscription()) ?? (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
  await api.push.subscribe.mutate(toInput(subscription));
  localStorage.setItem(OWNER_KEY, userId);
  return "on";
}

/** Stops pushes to this device: the server forgets it, the browser drops it. */
export async function disablePush(api: Api): Promise<PushDeviceState> {
  const subscription = pushSupported() ? await browserSubscription() : null;
  if (subscription) await api.push.unsubscribe.mutate({ endpoint: subscription.endpoint });
  await forgetPushSubscription();
  return "off";
}

/** Sign-out: the browser drops its subscription (the server's went with the session). */
export async function forgetPushSubscription(): Promise<void> {
  if (!pushSupported()) return;
  localStorage.removeItem(OWNER_KEY);
  await (await browserSubscription())?.unsubscribe();
}

/** On app start: a subscription this browser already has is handed to the server again, which binds
 * it to the current session (a new sign-in ended the old one, and with it the server's copy). */
export async function rebindPush(api: Api, userId: string): Promise<void> {
  if (!pushSupported() || Notification.permission !== "granted" || localStorage.getItem(OWNER_KEY) !== userId) return;
  const subscription = await browserSubscription();
  if (subscription && (await api.push.publicKey.query()).publicKey) await api.push.subscribe.mutate(toInput(subscription));
}
