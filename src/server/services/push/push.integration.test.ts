// Web push end to end against a push service on loopback: the job sends encrypted pushes that the
// test decrypts with its own device keys, only where they help, once per message per device.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // A fixed test key pair (npx web-push generate-vapid-keys); loopback endpoints allowed.
  process.env.VAPID_PUBLIC_KEY = "BJYNjuZUgDffDkSx3niCVGZcGj8MMI5Vg9fi71J_hWn33we61kAGwmwO5Hg3sLTVvEFPSd5cZiBMkpaVJ6R3p7I";
  process.env.VAPID_PRIVATE_KEY = "7V-vonR0tg3cwF9VskKe08D6bJiRsnncpja8q2SSEDQ";
  process.env.PUSH_ALLOW_PRIVATE_ENDPOINTS = "true";
});

import { db } from "~/server/db";
import { setViewStateReader } from "~/server/realtime/view-state-reader";
import { inProcessSidecar } from "../../../../test/in-process-sidecar";
import { runQueuedJobs } from "../../../../test/jobs";
import { decryptPush, startPushService, verifyVapid, type TestDevice, type TestPushService } from "../../../../test/push-service";
import { directChatPair, newClient, registerUser, type Client } from "../../../../test/trpc";

const sidecar = inProcessSidecar();
let service: TestPushService;

beforeAll(async () => {
  service = await startPushService();
  setViewStateReader((userIds) => sidecar.server.viewStates.of(userIds));
});
afterAll(() => service.close());
beforeEach(() => {
  service.received.length = 0;
  service.answer.clear();
});

async function subscribe(client: Client, name: string): Promise<TestDevice> {
  const device = service.device(`${name}-${randomUUID()}`);
  await client.call().push.subscribe({ endpoint: device.endpoint, keys: device.keys });
  return device;
}

/** A second browser of the same person. */
async function secondDevice(person: { input: { username: string; password: string } }): Promise<Client> {
  const client = newClient();
  await client.call().auth.signIn({ login: person.input.username, password: person.input.password });
  return client;
}

const pushesTo = (device: TestDevice) => service.received.filter((push) => push.device === device.name);
const payloadsOf = (device: TestDevice) => pushesTo(device).map((push) => decryptPush(device, push.body) as Record<string, unknown>);

async function send(client: Client, chatId: string, content: string) {
  return (await client.call().message.send({ chatId, clientId: randomUUID(), content })).message;
}

describe("web push", () => {
  it("sends an offline recipient an encrypted push with TTL and VAPID, which decrypts to the message", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const laptop = await subscribe(bob, "laptop");
    const message = await send(alice, chatId, "Hello Bob");
    const ran = await runQueuedJobs();
    expect(ran.filter((job) => job.name === "push.send").every((job) => job.ok)).toBe(true);

    const [push] = pushesTo(laptop);
    expect(pushesTo(laptop)).toHaveLength(1);
    expect(Number(push!.headers.ttl)).toBeGreaterThanOrEqual(86_400);
    expect(push!.headers["content-encoding"]).toBe("aes128gcm");
    expect(push!.headers.urgency).toBe("high");
    expect(verifyVapid(push!.headers.authorization as string, service.url)).toBe(process.env.VAPID_PUBLIC_KEY);
    expect(push!.body.length).toBeLessThan(4096);
    expect(decryptPush(laptop, push!.body)).toEqual({
      type: "message",
      chatId,
      messageId: message.id,
      seq: message.seq,
      title: alice.user.displayName,
      body: "Hello Bob",
      tag: message.id,
      url: `/chat/${chatId}`,
      unread: 1,
    });
  });

  it("cuts long text so the payload stays far under 4 KB", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const phone = await subscribe(bob, "phone");
    await send(alice, chatId, "ж".repeat(4000));
    await runQueuedJobs();
    const [payload] = payloadsOf(phone);
    expect([...(payload!.body as string)]).toHaveLength(300);
    expect(pushesTo(phone)[0]!.body.length).toBeLessThan(3000);
  });

  it("sends nothing when the recipient has the chat open and visible on another device, and nothing to a device in the foreground", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const bobPhone = await secondDevice(bob);
    const laptop = await subscribe(bob, "laptop");
    const phone = await subscribe(bobPhone, "phone");

    // Bob reads the chat in a visible tab of his laptop: no device of his is pushed.
    const laptopTab = await sidecar.online(bob);
    expect(await laptopTab.emitWithAck("view:state", { chatId, visible: true })).toEqual({ ok: true });
    await send(alice, chatId, "you are looking at it");
    await runQueuedJobs();
    expect(service.received).toHaveLength(0);

    // Laptop tab shows another chat (still in the foreground): the laptop is skipped, the phone is pushed.
    await laptopTab.emitWithAck("view:state", { chatId: null, visible: true });
    await send(alice, chatId, "second");
    await runQueuedJobs();
    expect(pushesTo(laptop)).toHaveLength(0);
    expect(payloadsOf(phone).map((payload) => payload.body)).toEqual(["second"]);

    // The laptop tab hidden: both devices are pushed.
    await laptopTab.emitWithAck("view:state", { chatId, visible: false });
    await send(alice, chatId, "third");
    await runQueuedJobs();
    expect(payloadsOf(laptop).map((payload) => payload.body)).toEqual(["third"]);
    expect(payloadsOf(phone).map((payload) => payload.body)).toEqual(["second", "third"]);

    // Its socket gone, its view state goes with it.
    laptopTab.close();
    await vi.waitFor(async () => expect(await sidecar.server.viewStates.of([bob.user.id])).toEqual({}));
  });

  it("deletes a subscription the push service answers 410 Gone (and 404) for", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const gone = await subscribe(bob, "gone");
    const bobPhone = await secondDevice(bob);
    const missing = await subscribe(bobPhone, "missing");
    service.answer.set(gone.name, 410);
    service.answer.set(missing.name, 404);
    await send(alice, chatId, "anyone?");
    const ran = await runQueuedJobs();
    expect(ran.filter((job) => job.name === "push.send").map((job) => job.ok)).toEqual([true]);
    expect(await db.pushSubscription.count({ where: { userId: bob.user.id } })).toBe(0);
  });

  it("closes the notifications on the other devices once the message is read on one", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const bobPhone = await secondDevice(bob);
    const laptop = await subscribe(bob, "laptop");
    const phone = await subscribe(bobPhone, "phone");
    const message = await send(alice, chatId, "read me");
    await send(alice, chatId, "and me");
    await runQueuedJobs();
    expect(pushesTo(phone)).toHaveLength(2);

    await bobPhone.call().message.markRead({ chatId, seq: message.seq + 1 });
    await runQueuedJobs();
    const closes = (device: TestDevice) => payloadsOf(device).filter((payload) => payload.type === "close");
    expect(closes(laptop)).toEqual([{ type: "close", chatId, upToSeq: message.seq + 1, unread: 0 }]);
    expect(closes(phone)).toEqual([{ type: "close", chatId, upToSeq: message.seq + 1, unread: 0 }]);
    expect(pushesTo(laptop).at(-1)!.headers.topic).toBe(chatId.replaceAll("-", ""));

    // Nothing left to close: reading again sends nothing.
    service.received.length = 0;
    await send(bob, chatId, "ok");
    await bob.call().message.markRead({ chatId, seq: message.seq + 2 });
    await runQueuedJobs();
    expect(service.received).toHaveLength(0);
  });

  it("leaves the text out when the privacy switch is off", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const laptop = await subscribe(bob, "laptop");
    expect(await bob.call().account.updatePrivacy({ pushPreview: false })).toMatchObject({ pushPreview: false });
    await send(alice, chatId, "secret text");
    await runQueuedJobs();
    const [payload] = payloadsOf(laptop);
    expect(payload!.body).toBe(`Новое сообщение от ${alice.user.displayName}`);
    expect(JSON.stringify(payload)).not.toContain("secret");
  });

  it("sends nothing from a muted chat, and again once unmuted", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const laptop = await subscribe(bob, "laptop");
    const { mutedUntil } = await bob.call().chat.mute({ chatId, duration: "8h" });
    expect((await bob.call().chat.get({ chatId })).mutedUntil).toBe(mutedUntil!.toISOString());
    await send(alice, chatId, "shh");
    const ran = await runQueuedJobs();
    expect(ran.filter((job) => job.name === "push.send")).toEqual([]);
    await bob.call().chat.mute({ chatId, duration: null });
    await send(alice, chatId, "loud");
    await runQueuedJobs();
    expect(payloadsOf(laptop).map((payload) => payload.body)).toEqual(["loud"]);
  });

  it("a retried job never pushes twice to a device that accepted: one push per message per device", async () => {
    const { alice, bob, chatId } = await directChatPair();
    const bobPhone = await secondDevice(bob);
    const laptop = await subscribe(bob, "laptop");
    const phone = await subscribe(bobPhone, "phone");
    service.answer.set(phone.name, 503);
    const message = await send(alice, chatId, "once");
    const first = await runQueuedJobs();
    expect(first.filter((job) => job.name === "push.send").map((job) => job.ok)).toEqual([false]);
    service.answer.delete(phone.name);
    const retried = await runQueuedJobs({ ignoreStartAfter: true });
    expect(retried.filter((job) => job.name === "push.send").map((job) => job.ok)).toEqual([true]);
    for (const device of [laptop, phone]) expect(payloadsOf(device).filter((payload) => payload.messageId === message.id)).toHaveLength(1);
  });

  it("sends nothing to a banned account's devices", async () => {
    const { alice, bob, chatId } = await directChatPair();
    await subscribe(bob, "laptop");
    await db.user.update({ where: { id: bob.user.id }, data: { banned: true } });
    await send(alice, chatId, "anyone?");
    const ran = await runQueuedJobs();
    expect(ran.filter((job) => job.name === "push.send").map((job) => job.ok)).toEqual([true]);
    expect(service.received).toHaveLength(0);
  });

  it("pushes friend requests and acceptances", async () => {
    const [alice, bob] = await Promise.all([registerUser(), registerUser()]);
    const bobLaptop = await subscribe(bob, "bob");
    const aliceLaptop = await subscribe(alice, "alice");
    await alice.call().friend.request({ userId: bob.user.id });
    await runQueuedJobs();
    expect(payloadsOf(bobLaptop)).toMatchObject([{ type: "friend", title: alice.user.displayName, url: "/friends" }]);
    await bob.call().friend.accept({ userId: alice.user.id });
    await runQueuedJobs();
    expect(payloadsOf(aliceLaptop)).toMatchObject([{ type: "friend", title: bob.user.displayName, url: `/people/${bob.user.id}` }]);
  });

  it("removes the device's subscription when its session ends, and refuses unusable subscriptions", async () => {
    const { bob } = await directChatPair();
    await subscribe(bob, "laptop");
    expect(await bob.call().push.status()).toEqual({ subscribed: true });
    await bob.call().auth.signOut();
    expect(await db.pushSubscription.count({ where: { userId: bob.user.id } })).toBe(0);

    const carol = await registerUser();
    const device = service.device("carol");
    await expect(carol.call().push.subscribe({ endpoint: "http://push.example.com/x", keys: device.keys })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(carol.call().push.subscribe({ endpoint: device.endpoint, keys: { p256dh: "short", auth: device.keys.auth } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
