// The push handlers against a fake service worker global: notifications shown, skipped, closed and
// clicked, and the app badge.
import { describe, expect, it, vi } from "vitest";
import type { PushPayload } from "../shared/push-payload";
import { installPushHandlers } from "./push";

const ORIGIN = "https://app.example";
const CHAT = "0b5c7f2e-6a70-4d8e-9d43-2f1d0c7e9a11";

interface FakeNotification {
  title: string;
  options: NotificationOptions;
  data: unknown;
  close: () => void;
}

function fakeWorker(windows: Array<{ url: string; focused: boolean }> = []) {
  const listeners = new Map<string, (event: unknown) => void>();
  const shown: FakeNotification[] = [];
  const clients = windows.map((window) => {
    const client = { ...window, focus: vi.fn(() => Promise.resolve(client)), navigate: vi.fn((url: string) => Promise.resolve({ url })) };
    return client;
  });
  const sw = {
    location: { origin: ORIGIN },
    navigator: { setAppBadge: vi.fn(() => Promise.resolve()), clearAppBadge: vi.fn(() => Promise.resolve()) },
    registration: {
      showNotification: vi.fn((title: string, options: NotificationOptions) => {
        const notification: FakeNotification = { title, options, data: options.data, close: () => shown.splice(shown.indexOf(notification), 1) };
        // Same tag: replaces the one shown.
        const same = shown.findIndex((other) => other.options.tag === options.tag);
        if (same >= 0) shown.splice(same, 1);
        shown.push(notification);
        return Promise.resolve();
      }),
      getNotifications: vi.fn(() => Promise.resolve([...shown])),
    },
    clients: { matchAll: vi.fn(() => Promise.resolve(clients)), openWindow: vi.fn(() => Promise.resolve(null)) },
    addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
  };
  installPushHandlers(sw as unknown as ServiceWorkerGlobalScope);
  const dispatch = async (type: string, event: Record<string, unknown>) => {
    let work: Promise<unknown> = Promise.resolve();
    listeners.get(type)!({ ...event, waitUntil: (promise: Promise<unknown>) => (work = promise) });
    await work;
  };
  return {
    sw,
    shown,
    clients,
    push: (payload: PushPayload | string) => dispatch("push", { data: { json: () => (typeof payload === "string" ? (JSON.parse(payload) as unknown) : payload) } }),
    click: (notification: FakeNotification) => dispatch("notificationclick", { notification: { data: notification.data, close: notification.close } }),
  };
}

const message = (seq: number, chatId = CHAT): PushPayload => ({
  type: "message",
  chatId,
  messageId: `m${seq}`,
  seq,
  title: "Alice",
  body: `text ${seq}`,
  tag: `m${seq}`,
  url: `/chat/${chatId}`,
  unread: seq,
});

describe("installPushHandlers", () => {
  it("shows a message with its tag, icon and chat, and sets the app badge to the unread count", async () => {
    const worker = fakeWorker();
    await worker.push(message(1));
    await worker.push(message(1));
    expect(worker.shown).toHaveLength(1);
    expect(worker.shown[0]).toMatchObject({ title: "Alice", options: { body: "text 1", tag: "m1", icon: "/icons/icon-192.png" }, data: { url: `/chat/${CHAT}`, chatId: CHAT, seq: 1 } });
    expect(worker.sw.navigator.setAppBadge).toHaveBeenLastCalledWith(1);
  });

  it("shows nothing while a focused window shows that chat, but does for another chat", async () => {
    const worker = fakeWorker([{ url: `${ORIGIN}/chat/${CHAT}`, focused: true }]);
    await worker.push(message(1));
    expect(worker.shown).toHaveLength(0);
    await worker.push(message(2, "11111111-2222-4333-8444-555555555555"));
    expect(worker.shown).toHaveLength(1);
  });

  it("a close push closes the chat's notifications up to the read sequence, shows nothing, and clears the badge", async () => {
    const worker = fakeWorker();
    await worker.push(message(1));
    await worker.push(message(2));
    await worker.push(message(3));
    await worker.push(message(1, "11111111-2222-4333-8444-555555555555"));
    await worker.push({ type: "close", chatId: CHAT, upToSeq: 2, unread: 0 });
    expect(worker.shown.map((shown) => shown.options.tag)).toEqual(["m3", "m1"]);
    expect(worker.sw.registration.showNotification).toHaveBeenCalledTimes(4);
    expect(worker.sw.navigator.clearAppBadge).toHaveBeenCalled();
  });

  it("ignores a push whose data is not ours", async () => {
    const worker = fakeWorker();
    await worker.push("not json");
    expect(worker.sw.registration.showNotification).not.toHaveBeenCalled();
  });

  it("a click focuses an open window and takes it to the chat, or opens one", async () => {
    const open = fakeWorker([{ url: `${ORIGIN}/friends`, focused: false }]);
    await open.push(message(1));
    await open.click(open.shown[0]!);
    expect(open.clients[0]!.focus).toHaveBeenCalled();
    expect(open.clients[0]!.navigate).toHaveBeenCalledWith(`${ORIGIN}/chat/${CHAT}`);
    expect(open.shown).toHaveLength(0);

    const closed = fakeWorker();
    await closed.push(message(1));
    await closed.click(closed.shown[0]!);
    expect(closed.sw.clients.openWindow).toHaveBeenCalledWith(`${ORIGIN}/chat/${CHAT}`);
  });
});
