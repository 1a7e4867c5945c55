/// <reference lib="webworker" />
// Web push in the service worker. A push shows its notification unless a window of the app is
// focused on that chat; a "close" push (the person read the chat on another device) closes this
// device's notifications of that chat up to the read sequence and shows nothing. Chrome requires
// every push to show something (userVisibleOnly) and may show its own "site updated in the
// background" notice for one that does not: the server sends a close push only to devices it sent a
// notification of that chat, so there is normally something to close (README, "Push notifications").
// A click focuses an open window of the app and takes it to the chat, or opens one.
import type { NotificationData, PushPayload } from "../shared/push-payload";

const ICON = "/icons/icon-192.png";

export function installPushHandlers(sw: ServiceWorkerGlobalScope): void {
  sw.addEventListener("push", (event) => {
    const payload = readPayload(event.data);
    if (payload) event.waitUntil(handlePush(sw, payload));
  });
  sw.addEventListener("notificationclick", (event) => {
    event.notification.close();
    const data = event.notification.data as Partial<NotificationData> | null;
    event.waitUntil(openApp(sw, typeof data?.url === "string" && data.url.startsWith("/") ? data.url : "/"));
  });
}

function readPayload(data: PushMessageData | null): PushPayload | null {
  try {
    const payload = data?.json() as PushPayload | undefined;
    return payload && typeof payload === "object" && typeof payload.type === "string" ? payload : null;
  } catch {
    return null;
  }
}

async function handlePush(sw: ServiceWorkerGlobalScope, payload: PushPayload): Promise<void> {
  await setBadge(sw, payload.unread);
  if (payload.type === "close") {
    const shown = await sw.registration.getNotifications();
    for (const notification of shown) {
      const data = notification.data as Partial<NotificationData> | null;
      if (data?.chatId === payload.chatId && typeof data.seq === "number" && data.seq <= payload.upToSeq) notification.close();
    }
    return;
  }
  if (payload.type === "message" && (await chatOnScreen(sw, payload.chatId))) return;
  const data: NotificationData = payload.type === "message" ? { url: payload.url, chatId: payload.chatId, seq: payload.seq } : { url: payload.url };
  await sw.registration.showNotification(payload.title, { body: payload.body, icon: ICON, badge: ICON, tag: payload.tag, data });
}

async function windows(sw: ServiceWorkerGlobalScope): Promise<readonly WindowClient[]> {
  return sw.clients.matchAll({ type: "window", includeUncontrolled: true });
}

/** A focused window of the app shows this chat: the message is already on screen. */
async function chatOnScreen(sw: ServiceWorkerGlobalScope, chatId: string): Promise<boolean> {
  return (await windows(sw)).some((client) => client.focused && new URL(client.url).pathname === `/chat/${chatId}`);
}

async function setBadge(sw: ServiceWorkerGlobalScope, unread: number): Promise<void> {
  const badge = sw.navigator as Partial<Pick<WorkerNavigator, "setAppBadge" | "clearAppBadge">>;
  if (!badge.setAppBadge || !badge.clearAppBadge) return;
  await (unread > 0 ? badge.setAppBadge.call(sw.navigator, unread) : badge.clearAppBadge.call(sw.navigator)).catch(() => undefined);
}

/** Focuses a window of the app (the one on `url` first) and navigates it there, or opens one. */
async function openApp(sw: ServiceWorkerGlobalScope, url: string): Promise<void> {
  const target = new URL(url, sw.location.origin).href;
  const open = await windows(sw);
  const client = open.find((candidate) => candidate.url === target) ?? open.find((candidate) => candidate.focused) ?? open[0];
  if (!client) {
    await sw.clients.openWindow(target);
    return;
  }
  const focused = await client.focus();
  if (focused.url !== target) await focused.navigate(target).catch(() => sw.clients.openWindow(target));
}
