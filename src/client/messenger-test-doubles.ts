// Test doubles for the Messenger: a socket the test drives by hand, and the few tRPC calls it makes,
// answered from in-memory chats. Used by messenger.test.ts only.
import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "~/server/api/root";
import type { MessageDto, PresenceUpdate } from "~/shared/realtime/events";
import type { ChatSummary } from "./chat-summaries";
import type { ClientSocket, ConnectionOptions } from "./connection";
import { Messenger, type MessengerCallbacks, type MessengerEnvironment } from "./messenger";
import { memoryOutboxStore } from "./outbox-store";

type Handler = (...args: never[]) => void;
type Ack = (error: Error | null, response?: unknown) => void;

/** A socket whose server side is the test: `deliver` plays an event, `emitted` lists what was sent. */
class FakeSocket {
  connected = false;
  emitted: Array<{ event: string; payload: unknown }> = [];
  /** Acks of timed emits, in order, for the test to answer. */
  acks: Ack[] = [];
  presence: PresenceUpdate[] = [];
  private handlers = new Map<string, Handler>();

  on(event: string, handler: Handler) {
    this.handlers.set(event, handler);
    return this;
  }
  emit(event: string, payload: unknown) {
    this.emitted.push({ event, payload });
    return this;
  }
  timeout() {
    return {
      emit: (event: string, payload: unknown, ack: Ack) => {
        this.emitted.push({ event, payload });
        this.acks.push(ack);
      },
      emitWithAck: () => Promise.resolve({ ok: true, data: this.presence }),
    };
  }
  close() {
    this.connected = false;
    return this;
  }
  deliver(event: string, payload: unknown) {
    (this.handlers.get(event) as ((payload: unknown) => void) | undefined)?.(payload);
  }
  sent(event: string) {
    return this.emitted.filter((entry) => entry.event === event).map((entry) => entry.payload);
  }
}

/** The server's side of message.history and message.changes: each chat's stored messages, and one
 * change log (versions) shared by all chats, enough for the client's purposes. */
export class FakeServer {
  messages = new Map<string, MessageDto[]>();
  historyCalls: Array<{ chatId: string; after?: number; before?: number; limit: number }> = [];
  changesCalls: Array<{ chatId: string; afterVersion: number; limit: number }> = [];
  markReadCalls: Array<{ chatId: string; seq: number }> = [];
  markReadFails = false;
  /** The server cannot be reached: history calls fail as a dropped fetch does. */
  down = false;
  version = 0;
  hides: Array<{ chatId: string; messageId: string; version: number }> = [];

  store(...messages: MessageDto[]) {
    for (const stored of messages) {
      const message = { ...stored, version: stored.version ?? ++this.version };
      this.messages.set(message.chatId, [...(this.messages.get(message.chatId) ?? []), message].sort((a, b) => a.seq - b.seq));
    }
  }

  /** Edits or deletes a stored message (same id): it takes the next version. Returns the stored copy. */
  change(changed: MessageDto): MessageDto {
    const message = { ...changed, version: ++this.version };
    this.messages.set(message.chatId, (this.messages.get(message.chatId) ?? []).map((held) => (held.id === message.id ? message : held)));
    return message;
  }

  hide(chatId: string, messageId: string) {
    this.hides.push({ chatId, messageId, version: ++this.version });
  }

  changes(input: { chatId: string; afterVersion: number; limit: number }) {
    this.changesCalls.push(input);
    const changed = (this.messages.get(input.chatId) ?? []).filter((message) => message.version! > input.afterVersion).sort((a, b) => a.version! - b.version!);
    const page = changed.slice(0, input.limit);
    const hasMore = changed.length > input.limit;
    const version = hasMore ? page.at(-1)!.version! : this.version;
    const hiddenIds = this.hides.filter((hide) => hide.chatId === input.chatId && hide.version > input.afterVersion && hide.version <= version).map((hide) => hide.messageId);
    return { messages: page, hiddenIds, version, hasMore };
  }

  history(input: { chatId: string; after?: number; before?: number; limit: number }) {
    this.historyCalls.push(input);
    const all = this.messages.get(input.chatId) ?? [];
    const lastSeq = all.at(-1)?.seq ?? 0;
    if (input.after !== undefined) {
      const newer = all.filter((message) => message.seq > input.after!);
      return { messages: newer.slice(0, input.limit), hasMore: newer.length > input.limit, lastSeq, lastVersion: this.version };
    }
    const older = all.filter((message) => input.before === undefined || message.seq < input.before);
    return { messages: older.slice(-input.limit), hasMore: older.length > input.limit, lastSeq, lastVersion: this.version };
  }

  api(): TRPCClient<AppRouter> {
    const api = {
      realtime: { token: { mutate: () => Promise.resolve({ token: "t", url: "http://sidecar", protocol: 1 }) } },
      message: {
        history: {
          query: (input: { chatId: string; after?: number; before?: number; limit: number }) =>
            this.down ? Promise.reject(new TypeError("fetch failed")) : Promise.resolve(this.history(input)),
        },
        changes: {
          query: (input: { chatId: string; afterVersion: number; limit: number }) =>
            this.down ? Promise.reject(new TypeError("fetch failed")) : Promise.resolve(this.changes(input)),
        },
        markRead: {
          mutate: (input: { chatId: string; seq: number }) => {
            this.markReadCalls.push(input);
            return this.markReadFails ? Promise.reject(new Error("offline")) : Promise.resolve({ ok: true });
          },
        },
        send: { mutate: () => Promise.reject(new TypeError("fetch failed")) },
        sendBatch: { mutate: () => Promise.reject(new TypeError("fetch failed")) },
      },
    };
    return api as unknown as TRPCClient<AppRouter>;
  }
}

let nextId = 0;
export function message(chatId: string, seq: number, senderId: string | null, extra: Partial<MessageDto> = {}): MessageDto {
  return {
    id: `m-${++nextId}`,
    chatId,
    seq,
    senderId,
    clientId: null,
    kind: "TEXT",
    content: `message ${seq}`,
    system: null,
    replyToId: null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0, seq)).toISOString(),
    editedAt: null,
    deletedAt: null,
    attachments: [],
    ...extra,
  };
}

export function summary(id: string, lastSeq: number, myLastReadSeq: number, lastMessageAt: string): ChatSummary {
  return {
    id,
    type: "DIRECT",
    title: null,
    avatarUrl: null,
    peer: null,
    blocked: null,
    memberCount: 2,
    myRole: "MEMBER",
    lastSeq,
    myLastReadSeq,
    unread: Math.max(0, lastSeq - myLastReadSeq),
    lastMessage: null,
    lastMessageAt,
  };
}

/** A started Messenger for user "me" on a fake socket (not yet connected: call `connect()`). */
export async function startMessenger(callbacks: MessengerCallbacks = {}, environment: MessengerEnvironment = {}, server = new FakeServer()) {
  const socket = new FakeSocket();
  let connection: ConnectionOptions | null = null;
  const messenger = new Messenger("me", server.api(), callbacks, {
    store: memoryOutboxStore(),
    connect: (options) => {
      connection = options;
      return Promise.resolve(socket as unknown as ClientSocket);
    },
    exclusive: (work) => work(),
    reload: () => undefined,
    ...environment,
  });
  await messenger.start();
  const connect = () => {
    socket.connected = true;
    connection!.onState("online");
    connection!.onConnect();
  };
  return { messenger, server, socket, connect };
}
