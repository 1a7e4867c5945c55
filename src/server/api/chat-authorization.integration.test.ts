// Who may touch a chat: every chat/message procedure and socket event, tried as a non-member, a
// removed member and a signed-out browser, is denied (NOT_FOUND, so ids don't leak; UNAUTHORIZED).
import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSession } from "~/server/services/account/sessions";
import { APP_ERROR_TRPC_CODE } from "~/shared/errors";
import { startRealtimeServer, type RealtimeServer } from "../../../realtime/server";
import { connected, connectSocket, type TestSocket } from "../../../test/sockets";
import { expectTRPCError, newClient, registerUser, type Caller } from "../../../test/trpc";
import { appRouter } from "./root";

type Person = Awaited<ReturnType<typeof registerUser>>;
let owner: Person;
let member: Person;
let removed: Person;
let outsider: Person;
let chatId: string;
let seq: number;
let messageId: string;

const PROCEDURES: Record<string, (call: Caller) => Promise<unknown>> = {
  "chat.get": (call) => call.chat.get({ chatId }),
  "chat.rename": (call) => call.chat.rename({ chatId, title: "taken over" }),
  "chat.setAvatar": (call) => call.chat.setAvatar({ chatId, attachmentId: null }),
  "chat.mute": (call) => call.chat.mute({ chatId, duration: "1h" }),
  "chat.leave": (call) => call.chat.leave({ chatId }),
  "chat.member.add": (call) => call.chat.member.add({ chatId, userIds: [outsider.user.id] }),
  "chat.member.remove": (call) => call.chat.member.remove({ chatId, userId: member.user.id }),
  "chat.member.setRole": (call) => call.chat.member.setRole({ chatId, userId: member.user.id, role: "ADMIN" }),
  "message.send": (call) => call.message.send({ chatId, clientId: randomUUID(), content: "intrusion" }),
  // Refusals come per message: the first one's code, thrown like the others' (see expectTRPCError).
  "message.sendBatch": async (call) => {
    const [result] = await call.message.sendBatch({ messages: [{ chatId, clientId: randomUUID(), content: "intrusion" }] });
    if (result && !result.ok) throw new TRPCError({ code: APP_ERROR_TRPC_CODE[result.code], message: result.error });
    return result;
  },
  "message.history": (call) => call.message.history({ chatId }),
  "message.markRead": (call) => call.message.markRead({ chatId, seq }),
  "message.changes": (call) => call.message.changes({ chatId, afterVersion: 0 }),
  "message.edit": (call) => call.message.edit({ messageId, content: "taken over" }),
  "message.delete": (call) => call.message.delete({ messageId }),
  "message.hide": (call) => call.message.hide({ messageId }),
  "attachment.createUpload": (call) => call.attachment.createUpload({ chatId, clientId: randomUUID(), fileName: "a.txt", size: 3 }),
  "attachment.list": (call) => call.attachment.list({ chatId }),
};
/** Attachment procedures that name a chat (the others name an attachment: attachment.integration.test.ts). */
const CHAT_SCOPED_ATTACHMENT_PROCEDURES = ["attachment.createUpload", "attachment.list"];

beforeAll(async () => {
  [owner, member, removed, outsider] = await Promise.all([registerUser(), registerUser(), registerUser(), registerUser()]);
  ({ chatId } = await owner.call().chat.createGroup({ title: "Private", memberIds: [member.user.id, removed.user.id] }));
  ({
    message: { seq, id: messageId },
  } = await member.call().message.send({ chatId, clientId: randomUUID(), content: "secret" }));
  await owner.call().chat.member.remove({ chatId, userId: removed.user.id });
});

it("the table covers every procedure that takes a chat id", () => {
  const chatScoped = Object.keys(appRouter._def.procedures).filter(
    (path) => (/^(chat|message)\./.test(path) && !["chat.list", "chat.openDirect", "chat.createGroup"].includes(path)) || CHAT_SCOPED_ATTACHMENT_PROCEDURES.includes(path),
  );
  expect(Object.keys(PROCEDURES).sort()).toEqual(chatScoped.sort());
});

describe.each([
  ["a non-member", () => outsider.call(), "NOT_FOUND"],
  ["a removed member", () => removed.call(), "NOT_FOUND"],
  ["a signed-out browser", () => newClient().call(), "UNAUTHORIZED"],
] as const)("as %s", (_who, caller, code) => {
  it.each(Object.entries(PROCEDURES))("%s is denied", async (_path, call) => {
    await expectTRPCError(call(caller()), code);
  });

  it("chat.list does not show the chat", async () => {
    if (code === "UNAUTHORIZED") return void (await expectTRPCError(caller().chat.list(), "UNAUTHORIZED"));
    expect((await caller().chat.list()).map((chat) => chat.id)).not.toContain(chatId);
  });
});

it("nothing the denied calls tried was stored", async () => {
  const chat = await owner.call().chat.get({ chatId });
  expect(chat.title).toBe("Private");
  expect(chat.members.map((person) => person.id).sort()).toEqual([owner.user.id, member.user.id].sort());
  const history = await owner.call().message.history({ chatId });
  expect(history.messages.filter((message) => message.kind === "TEXT").map((message) => message.content)).toEqual(["secret"]);
  expect(history.messages.some((message) => message.hidden || message.editedAt || message.deletedAt)).toBe(false);
});

describe("socket events", () => {
  let server: RealtimeServer;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    server = await startRealtimeServer({
      port: 0,
      secret: process.env.AUTH_SECRET!,
      corsOrigins: [],
      sessionIsLive: async (sessionId, userId) => (await loadSession(sessionId, userId)) !== null,
    });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.shutdown();
  });

  it.each([
    ["a non-member", () => outsider],
    ["a removed member", () => removed],
  ])("as %s, typing and delivery marks are refused", async (_who, person) => {
    const { token } = await person().call().realtime.token();
    const socket = await connected(connectSocket(`http://127.0.0.1:${server.port}`, token));
    sockets.push(socket);
    expect(await socket.emitWithAck("typing:start", { chatId })).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await socket.emitWithAck("typing:stop", { chatId })).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await socket.emitWithAck("message:delivered", { chatId, seq })).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await socket.emitWithAck("presence:query", { userIds: [member.user.id] })).toEqual(
      person() === removed ? { ok: true, data: expect.any(Array) as unknown[] } : { ok: true, data: [] },
    );
  });
});
