// The browser's messaging state: per-chat timelines, the outbox, receipts, typing and presence,
// kept in step with the server over the socket, with catch-up by sequence after every reconnect.
// Framework-free; src/client/react.tsx exposes it to components.
import type { TRPCClient } from "@trpc/client";
import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "~/server/api/root";
import { SEND_BATCH_MAX } from "~/shared/api-limits";
import { TYPING_TTL_MS, type MessageDto, type PresenceUpdate, type ReceiptUpdate } from "~/shared/realtime/events";
import { connectRealtime, type ClientSocket, type ConnectionState } from "./connection";
import { Outbox, type Failure, type OutboxOptions } from "./outbox";
import { indexedDbOutboxStore, type OutboxItem, type OutboxStore } from "./outbox-store";
import { hasGap, mergeMessages, prependPage, timelineFromPage, type Timeline } from "./timeline";

export type Receipts = Record<string, { lastReadSeq: number; lastDeliveredSeq: number }>;

export interface MessengerState {
  connection: ConnectionState;
  timelines: Record<string, Timeline>;
  outbox: OutboxItem[];
  /** chatId → userId → until (ms epoch). */
  typing: Record<string, Record<string, number>>;
  presence: Record<string, PresenceUpdate>;
  /** chatId → userId → marks. */
  receipts: Record<string, Receipts>;
}

export interface MessengerCallbacks {
  onMessage?: (message: MessageDto) => void;
  onChatChanged?: (chatId: string) => void;
  onChatRemoved?: (chatId: string) => void;
  /** Friends, requests or blocks changed: refetch them. */
  onFriendsChanged?: () => void;
  /** Someone's name, username or avatar changed: refetch what shows them. */
  onUserUpdated?: (userId: string) => void;
  onReconnect?: () => void;
  onSessionEnded?: () => void;
}

const TYPING_RESEND_MS = 2_500;
const HISTORY_PAGE = 50;

export class Messenger {
  private state: MessengerState = { connection: "connecting", timelines: {}, outbox: [], typing: {}, presence: {}, receipts: {} };
  private listeners = new Set<() => void>();
  private socket: ClientSocket | null = null;
  private readonly outbox: Outbox;
  private catchingUp = new Map<string, Promise<void>>();
  private loadingOlder = new Set<string>();
  private typingSent = new Map<string, number>();
  private readMarks = new Map<string, number>();
  private deliveredQueue = new Map<string, number>();
  /** chatId → the highest seq this device has already reported as delivered. */
  private deliveredSent = new Map<string, number>();
  private deliveredTimer: ReturnType<typeof setTimeout> | null = null;
  private typingTimer: ReturnType<typeof setInterval> | null = null;
  private stopped = false;

  constructor(
    private readonly userId: string,
    private readonly api: TRPCClient<AppRouter>,
    private readonly callbacks: MessengerCallbacks = {},
    store: OutboxStore = indexedDbOutboxStore(userId),
  ) {
    this.outbox = new Outbox({
      store,
      ...outboxTransport(api),
      onChange: (outbox) => this.set({ outbox }),
      onSent: (message) => this.receive([message]),
      // One tab at a time flushes the shared outbox.
      exclusive:
        typeof navigator !== "undefined" && navigator.locks
          ? <T,>(work: () => Promise<T>) => navigator.locks.request(`bm-outbox:${userId}`, work) as Promise<T>
          : undefined,
    });
  }

  // --- store plumbing (useSyncExternalStore) ---
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getState = () => this.state;
  private set(patch: Partial<MessengerState>) {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  async start(): Promise<void> {
    await this.outbox.start();
    this.socket = await connectRealtime({
      getToken: () => this.api.realtime.token.mutate(),
      onState: (connection) => {
        // Back online with the socket still up (no reconnect, so no resync): send the outbox now.
        if (connection === "online" && this.state.connection === "offline") this.outbox.online();
        this.set({ connection });
      },
      onConnect: () => this.resync(),
      onSessionEnded: () => this.callbacks.onSessionEnded?.(),
      onOutdated: () => window.location.reload(),
    });
    if (this.stopped) return void this.socket.close();
    this.listen(this.socket);
  }

  stop(): void {
    this.stopped = true;
    this.outbox.stop();
    this.socket?.close();
    if (this.typingTimer) clearInterval(this.typingTimer);
    if (this.deliveredTimer) clearTimeout(this.deliveredTimer);
  }

  // --- timelines ---
  async openChat(chatId: string): Promise<void> {
    if (this.state.timelines[chatId]) return this.catchUp(chatId);
    const page = await this.api.message.history.query({ chatId, limit: HISTORY_PAGE });
    const current = this.timeline(chatId);
    // Live messages may have landed while the page loaded: keep them.
    const timeline = current ? mergeMessages(timelineFromPage(page), current.messages) : timelineFromPage(page);
    this.setTimeline(chatId, timeline);
    this.learned(chatId, page.messages);
    if (hasGap(timeline)) await this.catchUp(chatId);
  }

  async loadOlder(chatId: string): Promise<void> {
    const timeline = this.state.timelines[chatId];
    if (!timeline?.hasOlder || this.loadingOlder.has(chatId)) return;
    this.loadingOlder.add(chatId);
    try {
      const page = await this.api.message.history.query({ chatId, before: timeline.oldestSeq, limit: HISTORY_PAGE });
      this.setTimeline(chatId, prependPage(this.state.timelines[chatId] ?? timeline, page));
    } finally {
      this.loadingOlder.delete(chatId);
    }
  }

  /** Fetches everything after the newest contiguous message (gap recovery). */
  catchUp(chatId: string): Promise<void> {
    const running = this.catchingUp.get(chatId);
    if (running) return running;
    const work = (async () => {
      for (;;) {
        const timeline = this.state.timelines[chatId];
        if (!timeline) return;
        const page = await this.api.message.history.query({ chatId, after: timeline.newestSeq, limit: 100 });
        const merged = mergeMessages(this.state.timelines[chatId] ?? timeline, page.messages);
        this.setTimeline(chatId, merged);
        this.learned(chatId, page.messages);
        if (!page.hasMore) return;
      }
    })().finally(() => this.catchingUp.delete(chatId));
    this.catchingUp.set(chatId, work);
    return work;
  }

  private timeline(chatId: string): Timeline | undefined {
    return this.state.timelines[chatId];
  }

  private setTimeline(chatId: string, timeline: Timeline) {
    if (this.state.timelines[chatId] === timeline) return;
    this.set({ timelines: { ...this.state.timelines, [chatId]: timeline } });
  }

  private receive(messages: MessageDto[]) {
    for (const message of messages) {
      const timeline = this.state.timelines[message.chatId];
      if (timeline) {
        const merged = mergeMessages(timeline, [message]);
        this.setTimeline(message.chatId, merged);
        if (hasGap(merged)) void this.catchUp(message.chatId).catch(() => undefined);
      }
      if (message.senderId === this.userId && message.clientId) void this.outbox.confirmed(message.clientId);
      if (message.senderId !== this.userId) this.acknowledgeDelivered(message.chatId, message.seq);
      this.callbacks.onMessage?.(message);
    }
  }

  // --- sending ---
  send(chatId: string, content: string): Promise<OutboxItem> {
    this.stopTyping(chatId);
    return this.outbox.enqueue(chatId, content);
  }
  retry = (clientId: string) => this.outbox.retry(clientId);
  discard = (clientId: string) => this.outbox.remove(clientId);

  // --- receipts ---
  setReceipts(chatId: string, members: Array<{ id: string; lastReadSeq: number; lastDeliveredSeq: number }>) {
    const receipts: Receipts = {};
    for (const member of members) receipts[member.id] = { lastReadSeq: member.lastReadSeq, lastDeliveredSeq: member.lastDeliveredSeq };
    this.set({ receipts: { ...this.state.receipts, [chatId]: receipts } });
  }

  /** The person has seen the chat up to `seq` (it is on screen and the tab is visible). */
  markRead(chatId: string, seq: number): void {
    if (seq <= (this.readMarks.get(chatId) ?? 0)) return;
    this.readMarks.set(chatId, seq);
    void this.api.message.markRead.mutate({ chatId, seq }).catch(() => this.readMarks.delete(chatId));
  }

  /** This device knows of the chat's messages up to `seq` — live, from history or catch-up, or from
   * the chat list loaded before the socket joined — so the senders get ✓✓. Each mark is sent once,
   * batched per chat, and kept until a socket is connected to carry it. */
  acknowledgeDelivered(chatId: string, seq: number): void {
    if (seq <= Math.max(this.deliveredSent.get(chatId) ?? 0, this.deliveredQueue.get(chatId) ?? 0)) return;
    this.deliveredQueue.set(chatId, seq);
    this.deliveredTimer ??= setTimeout(() => {
      this.deliveredTimer = null;
      this.flushDelivered();
    }, 200);
  }

  private learned(chatId: string, messages: MessageDto[]) {
    const fromOthers = messages.filter((message) => message.senderId !== this.userId);
    if (fromOthers.length) this.acknowledgeDelivered(chatId, Math.max(...fromOthers.map((message) => message.seq)));
  }

  private flushDelivered() {
    const socket = this.socket;
    if (!socket?.connected) return; // resync() flushes once the socket is up
    for (const [chatId, seq] of this.deliveredQueue) {
      this.deliveredSent.set(chatId, seq);
      socket.timeout(10_000).emit("message:delivered", { chatId, seq }, (error) => {
        // Lost on the way (the socket dropped): report it again unless a later mark went out.
        if (error && this.deliveredSent.get(chatId) === seq) {
          this.deliveredSent.delete(chatId);
          this.acknowledgeDelivered(chatId, seq);
        }
      });
    }
    this.deliveredQueue.clear();
  }

  private applyReceipt(update: ReceiptUpdate) {
    const chat = { ...(this.state.receipts[update.chatId] ?? {}), [update.userId]: { lastReadSeq: update.lastReadSeq, lastDeliveredSeq: update.lastDeliveredSeq } };
    this.set({ receipts: { ...this.state.receipts, [update.chatId]: chat } });
  }

  // --- typing and presence ---
  typing(chatId: string): void {
    const last = this.typingSent.get(chatId) ?? 0;
    if (Date.now() - last < TYPING_RESEND_MS) return;
    this.typingSent.set(chatId, Date.now());
    this.socket?.emit("typing:start", { chatId });
  }

  stopTyping(chatId: string): void {
    if (!this.typingSent.has(chatId)) return;
    this.typingSent.delete(chatId);
    this.socket?.emit("typing:stop", { chatId });
  }

  private applyTyping(chatId: string, userId: string, typing: boolean) {
    const chat = { ...(this.state.typing[chatId] ?? {}) };
    if (typing) chat[userId] = Date.now() + TYPING_TTL_MS;
    else delete chat[userId];
    this.set({ typing: { ...this.state.typing, [chatId]: chat } });
    // Typing expires on its own if the "stop" never comes (closed tab, lost connection).
    this.typingTimer ??= setInterval(() => this.pruneTyping(), 1_000);
  }

  private pruneTyping() {
    const now = Date.now();
    let changed = false;
    const typing: MessengerState["typing"] = {};
    for (const [chatId, users] of Object.entries(this.state.typing)) {
      const live = Object.fromEntries(Object.entries(users).filter(([, until]) => until > now));
      if (Object.keys(live).length !== Object.keys(users).length) changed = true;
      if (Object.keys(live).length) typing[chatId] = live;
    }
    if (changed) this.set({ typing });
    if (Object.keys(typing).length === 0 && this.typingTimer) {
      clearInterval(this.typingTimer);
      this.typingTimer = null;
    }
  }

  async queryPresence(userIds: string[]): Promise<void> {
    if (!this.socket?.connected || userIds.length === 0) return;
    const result = await this.socket.timeout(5_000).emitWithAck("presence:query", { userIds }).catch(() => null);
    if (!result?.ok) return;
    const presence = { ...this.state.presence };
    for (const update of result.data) presence[update.userId] = update;
    this.set({ presence });
  }

  // --- socket ---
  private listen(socket: ClientSocket) {
    socket.on("message:new", (message) => this.receive([message]));
    socket.on("receipt:update", (update) => this.applyReceipt(update));
    socket.on("chat:updated", ({ chatId }) => this.callbacks.onChatChanged?.(chatId));
    socket.on("chat:removed", ({ chatId }) => {
      const timelines = { ...this.state.timelines };
      delete timelines[chatId];
      this.set({ timelines });
      this.callbacks.onChatRemoved?.(chatId);
    });
    socket.on("friends:updated", () => this.callbacks.onFriendsChanged?.());
    socket.on("user:updated", ({ userId }) => this.callbacks.onUserUpdated?.(userId));
    socket.on("typing:update", ({ chatId, userId, typing }) => this.applyTyping(chatId, userId, typing));
    socket.on("presence:update", (update) => this.set({ presence: { ...this.state.presence, [update.userId]: update } }));
    socket.on("sync:required", () => this.resync());
  }

  /** After every (re)connect, or when the server says events were lost: catch up on every open chat, flush the outbox, refresh lists. */
  private resync() {
    this.outbox.online();
    this.flushDelivered();
    for (const chatId of Object.keys(this.state.timelines)) void this.catchUp(chatId).catch(() => undefined);
    this.callbacks.onReconnect?.();
  }
}

/** How the outbox reaches the server: message.send, message.sendBatch, and what their errors mean. */
export function outboxTransport(api: TRPCClient<AppRouter>): Pick<OutboxOptions, "send" | "sendBatch" | "batchSize" | "classify"> {
  return {
    send: async (item) => (await api.message.send.mutate({ chatId: item.chatId, clientId: item.clientId, content: item.content })).message,
    sendBatch: async (items) => {
      const results = await api.message.sendBatch.mutate({ messages: items.map(({ chatId, clientId, content }) => ({ chatId, clientId, content })) });
      return results.map((result) => (result.ok ? { message: result.message } : { error: new SendRefusedError(result.code, result.error, result.retryAfter) }));
    },
    batchSize: SEND_BATCH_MAX,
    classify: classifySendError,
  };
}

/** One message of a message.sendBatch call that the server did not store. */
export class SendRefusedError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfter: number | null,
  ) {
    super(message);
    this.name = "SendRefusedError";
  }
}

/** Per-message codes of a batch that mean "not now" rather than "no". */
const RETRYABLE_CODES = new Set(["RATE_LIMITED", "TOO_MANY_REQUESTS", "SERVICE_UNAVAILABLE", "INTERNAL_SERVER_ERROR"]);

/** A refused message (bad input, not a member) waits for the person; anything else is retried
 * (a rate limit after the retryAfter the server gave). */
export function classifySendError(error: unknown): Failure {
  if (error instanceof SendRefusedError) {
    const retryAfterMs = error.retryAfter ? error.retryAfter * 1000 : undefined;
    return RETRYABLE_CODES.has(error.code) ? { kind: "retry", code: error.code, retryAfterMs } : { kind: "fatal", code: error.code };
  }
  if (error instanceof TRPCClientError) {
    const data = error.data as { httpStatus?: number; appCode?: string | null; code?: string; retryAfter?: number | null } | undefined;
    const status = data?.httpStatus ?? 0;
    const code = data?.appCode ?? data?.code ?? "NETWORK";
    if (status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429) return { kind: "fatal", code };
    return { kind: "retry", code, retryAfterMs: data?.retryAfter ? data.retryAfter * 1000 : undefined };
  }
  return { kind: "retry", code: "NETWORK" };
}
