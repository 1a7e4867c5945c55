// The browser's messaging state: per-chat timelines, the outbox, the chat list (previews, unread
// counts), receipts, typing and presence, kept in step with the server over the socket, with
// catch-up by sequence after every reconnect. The one owner of live chat state: server fetches
// (chat.list, chat.get) are seeded into it, live events move it, components read it.
// Framework-free; src/client/react.tsx exposes it to components.
import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "~/server/api/root";
import type { Ack, AttachmentDto, AttachmentReady, MessageDto, PresenceUpdate, ReceiptUpdate } from "~/shared/realtime/events";
import { mergeServerList, withMessage, withoutChat, withReadMark, type ChatSummary } from "./chat-summaries";
import { connectRealtime, retryDelay, sessionGone, type ClientSocket, type ConnectionOptions, type ConnectionState } from "./connection";
import { DeliveredMarks } from "./delivered-marks";
import { requestBackgroundSync } from "./offline/background-sync";
import { indexedDbHistoryStore, type HistoryStore } from "./offline/history-store";
import { OfflineHistory } from "./offline/offline-history";
import { Outbox } from "./outbox";
import { indexedDbOutboxStore, outboxLockName, type OutboxItem, type OutboxStore } from "./outbox-store";
import { outboxTransport } from "./outbox-transport";
import { reloadToLatest } from "./service-worker";
import { OutboxUploads } from "./uploads/outbox-uploads";
import { trpcUploadApi } from "./uploads/trpc-upload-api";
import type { PutBlob } from "./uploads/types";
import type { UploadJob } from "./uploads/upload-job";
import { xhrPut } from "./uploads/xhr-put";
import { seedReceipts, withReceipt, type Marks, type Receipts } from "./receipts";
import { hasGap, mergeMessages, prependPage, reconcileSaved, timelineFromPage, withAttachment, withChanges, withReadyAttachments, type Timeline } from "./timeline";
import { withoutExpired, withTyping, type TypingState } from "./typing";
import { ViewStateReporter } from "./view-state";

export type { ChatSummary } from "./chat-summaries";

export interface MessengerState {
  connection: ConnectionState;
  timelines: Record<string, Timeline>;
  outbox: OutboxItem[];
  /** chatId → userId → until (ms epoch). */
  typing: TypingState;
  presence: Record<string, PresenceUpdate>;
  /** The chat list, newest activity first; null until chat.list has been seeded. */
  chats: ChatSummary[] | null;
  /** chatId → userId → marks. */
  receipts: Record<string, Receipts>;
  /** The chat list shown is the device's saved copy: the server has not answered since the start. */
  savedData: boolean;
}

export const INITIAL_MESSENGER_STATE: MessengerState = {
  connection: "connecting",
  timelines: {},
  outbox: [],
  typing: {},
  presence: {},
  chats: null,
  receipts: {},
  savedData: false,
};

export interface MessengerCallbacks {
  /** A chat's members, title or roles changed: refetch it and the list. */
  onChatChanged?: (chatId: string) => void;
  /** A message came for a chat the list does not have yet: refetch the list. */
  onUnknownChat?: (chatId: string) => void;
  onChatRemoved?: (chatId: string) => void;
  /** Friends, requests or blocks changed: refetch them. */
  onFriendsChanged?: () => void;
  /** Someone's name, username or avatar changed: refetch what shows them. */
  onUserUpdated?: (userId: string) => void;
  onReconnect?: () => void;
  onSessionEnded?: () => void;
}

/** What the Messenger needs of the browser; tests pass their own. */
export interface MessengerEnvironment {
  store?: OutboxStore;
  connect?: (options: ConnectionOptions) => Promise<ClientSocket>;
  /** Runs the outbox flush in one tab at a time (Web Locks in the browser). */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
  reload?: () => void;
  /** The PUT of a file's bytes to storage (XMLHttpRequest in the browser). */
  put?: PutBlob;
  /** The saved history for offline use (IndexedDB in the browser); null keeps none. */
  history?: HistoryStore | null;
}

const TYPING_RESEND_MS = 2_500;
const HISTORY_PAGE = 50;
const CATCH_UP_PAGE = 100;

export class Messenger {
  private state: MessengerState = INITIAL_MESSENGER_STATE;
  private listeners = new Set<() => void>();
  private socket: ClientSocket | null = null;
  private readonly outbox: Outbox;
  private readonly uploads: OutboxUploads;
  private readonly store: OutboxStore;
  private readonly connect: (options: ConnectionOptions) => Promise<ClientSocket>;
  private readonly reload: () => void;
  private catchingUp = new Map<string, Promise<void>>();
  private loadingOlder = new Set<string>();
  private typingSent = new Map<string, number>();
  /** chatId → the highest seq this device has marked read (kept over chat.list refetches). */
  private readMarks = new Map<string, number>();
  private readonly delivered = new DeliveredMarks(() => this.socket);
  private readonly view = new ViewStateReporter(() => this.socket);
  private typingTimer: ReturnType<typeof setInterval> | null = null;
  private stopped = false;
  private readonly history: OfflineHistory | null;
  /** Chats whose timeline came from the saved history and has not been checked with the server. */
  private unconfirmed = new Set<string>();

  constructor(
    private readonly userId: string,
    private readonly api: TRPCClient<AppRouter>,
    private readonly callbacks: MessengerCallbacks = {},
    storeOrEnvironment: OutboxStore | MessengerEnvironment = {},
  ) {
    const environment: MessengerEnvironment = isOutboxStore(storeOrEnvironment) ? { store: storeOrEnvironment } : storeOrEnvironment;
    this.connect = environment.connect ?? connectRealtime;
    this.reload = environment.reload ?? (() => void reloadToLatest());
    this.uploads = new OutboxUploads({ api: trpcUploadApi(api), put: environment.put ?? xhrPut });
    this.store = environment.store ?? indexedDbOutboxStore(userId);
    const history = environment.history !== undefined ? environment.history : typeof indexedDB === "undefined" ? null : indexedDbHistoryStore(userId);
    this.history = history && new OfflineHistory(userId, history);
    this.outbox = new Outbox({
      upload: this.uploads.run,
      store: this.store,
      ...outboxTransport(api),
      onChange: (outbox) => this.set({ outbox }),
      onSent: (message) => this.receive(message),
      exclusive: environment.exclusive ?? webLock(outboxLockName(userId)),
    });
  }

  // --- store plumbing (useSyncExternalStore) ---
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
  getState = () => this.state;
  private set(patch: Partial<MessengerState>) {
    this.state = { ...this.state, ...patch };
    if (patch.chats || patch.timelines || patch.receipts) this.history?.observe(this.state);
    for (const listener of this.listeners) listener();
  }

  async start(): Promise<void> {
    await this.restoreSavedList();
    await this.outbox.start();
    const socket = await this.connectUntilUp();
    if (!socket) return;
    this.socket = socket;
    if (this.stopped) return void this.socket.close();
    this.listen(this.socket);
    this.view.report();
  }

  /** The saved chat list, shown until the server's arrives (which replaces it). */
  private async restoreSavedList() {
    const saved = await this.history?.chats();
    if (saved && !this.state.chats) this.set({ chats: saved, savedData: true });
  }

  /** Connects; while the server cannot be reached (offline, or down), tries again with back-off and
   * at once when the browser is back online. Null when stopped or the session is gone. */
  private async connectUntilUp(): Promise<ClientSocket | null> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        return await this.connectOnce();
      } catch (error) {
        if (sessionGone(error)) {
          this.callbacks.onSessionEnded?.();
          return null;
        }
        this.set({ connection: typeof navigator !== "undefined" && navigator.onLine === false ? "offline" : "connecting" });
        await retryDelay(attempt);
      }
    }
    return null;
  }

  private connectOnce(): Promise<ClientSocket> {
    return this.connect({
      getToken: () => this.api.realtime.token.mutate(),
      onState: (connection) => {
        // Back online with the socket still up (no reconnect, so no resync): send the outbox now.
        if (connection === "online" && this.state.connection === "offline") this.outbox.online();
        this.set({ connection });
      },
      onConnect: () => {
        this.view.report();
        this.resync();
      },
      onSessionEnded: () => this.callbacks.onSessionEnded?.(),
      onOutdated: () => this.reload(),
    });
  }

  stop(): void {
    this.stopped = true;
    this.outbox.stop();
    this.socket?.close();
    if (this.typingTimer) clearInterval(this.typingTimer);
    this.delivered.stop();
    void this.history?.close();
    this.view.stop();
  }

  /** The chat this tab shows now (null: none), for where push notifications are worth sending. */
  showChat(chatId: string | null): void {
    this.view.showChat(chatId);
  }

  // --- seeds from server fetches ---
  /** A chat.list answer. Chats it shows with unread messages were learned of on this device: ✓✓ for
   * their senders, even when the messages came before the socket joined and never arrive over it. */
  seedChatList(list: ChatSummary[]): void {
    const chats = mergeServerList(list, this.state.savedData ? null : this.state.chats, this.readMarks);
    this.set({ chats, savedData: false });
    for (const chat of chats) if (chat.lastSeq > chat.myLastReadSeq) this.acknowledgeDelivered(chat.id, chat.lastSeq);
  }

  /** A chat.get answer: its members' read and delivered marks. */
  seedChat(chatId: string, members: ReadonlyArray<{ id: string } & Marks>): void {
    this.set({ receipts: { ...this.state.receipts, [chatId]: seedReceipts(this.state.receipts[chatId], members) } });
  }

  // --- timelines ---
  async openChat(chatId: string): Promise<void> {
    if (!this.state.timelines[chatId]) await this.restoreSavedChat(chatId);
    if (this.state.timelines[chatId] && !this.unconfirmed.has(chatId)) return this.catchUp(chatId);
    const page = await this.api.message.history.query({ chatId, limit: HISTORY_PAGE });
    // Live messages may have landed while the page loaded (or the saved history was shown): keep them.
    const current = this.state.timelines[chatId];
    const fresh = current && this.unconfirmed.has(chatId) ? reconcileSaved(current, page) : timelineFromPage(page);
    const timeline = current ? mergeMessages(fresh, current.messages) : fresh;
    this.unconfirmed.delete(chatId);
    this.setTimeline(chatId, timeline);
    this.learned(chatId, page.messages);
    if (hasGap(timeline)) await this.catchUp(chatId);
  }

  /** Shows the chat's saved history at once, before (or without) the server's answer. */
  private async restoreSavedChat(chatId: string) {
    const saved = await this.history?.chat(chatId);
    if (!saved || this.state.timelines[chatId]) return;
    this.unconfirmed.add(chatId);
    this.setTimeline(chatId, saved.timeline);
    if (saved.receipts && !this.state.receipts[chatId]) this.set({ receipts: { ...this.state.receipts, [chatId]: saved.receipts } });
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

  /** Fetches everything after the newest contiguous message (gap recovery), then the changes to held
   * messages (edits, deletions, hides) after the change-log version the timeline is up to date with. */
  catchUp(chatId: string): Promise<void> {
    const running = this.catchingUp.get(chatId);
    if (running) return running;
    const work = (async () => {
      for (;;) {
        const timeline = this.state.timelines[chatId];
        if (!timeline) return;
        const page = await this.api.message.history.query({ chatId, after: timeline.newestSeq, limit: CATCH_UP_PAGE });
        this.setTimeline(chatId, mergeMessages(this.state.timelines[chatId] ?? timeline, page.messages));
        this.learned(chatId, page.messages);
        if (!page.hasMore) break;
      }
      await this.catchUpChanges(chatId);
    })().finally(() => this.catchingUp.delete(chatId));
    this.catchingUp.set(chatId, work);
    return work;
  }

  private async catchUpChanges(chatId: string): Promise<void> {
    for (;;) {
      const afterVersion = this.state.timelines[chatId]?.version;
      if (afterVersion === undefined) return;
      const page = await this.api.message.changes.query({ chatId, afterVersion, limit: CATCH_UP_PAGE });
      const timeline = this.state.timelines[chatId];
      if (timeline) this.setTimeline(chatId, withChanges(timeline, page.messages, page.hiddenIds, page.version));
      if (!page.hasMore) return;
    }
  }

  /** A live edit or deletion, or one's own hide from another device. */
  private applyChange(chatId: string, changed: MessageDto[], hiddenIds: string[] = []) {
    const timeline = this.state.timelines[chatId];
    if (timeline) this.setTimeline(chatId, withChanges(timeline, changed, hiddenIds));
  }

  // --- changing sent messages (the answer is applied at once; the live event is then a no-op) ---
  async edit(messageId: string, content: string): Promise<void> {
    const message = await this.api.message.edit.mutate({ messageId, content });
    this.applyChange(message.chatId, [message]);
  }

  async deleteForEveryone(messageId: string): Promise<void> {
    const message = await this.api.message.delete.mutate({ messageId });
    this.applyChange(message.chatId, [message]);
  }

  async deleteForMe(messageId: string): Promise<void> {
    const { chatId } = await this.api.message.hide.mutate({ messageId });
    this.applyChange(chatId, [], [messageId]);
  }

  private setTimeline(chatId: string, timeline: Timeline) {
    if (this.state.timelines[chatId] === timeline) return;
    this.set({ timelines: { ...this.state.timelines, [chatId]: timeline } });
  }

  /** Images whose processing finished before their message arrived here (bounded; see withReadyAttachments). */
  private readonly readyAttachments = new Map<string, AttachmentDto>();

  private attachmentReady({ chatId, messageId, attachment }: AttachmentReady) {
    const timeline = this.state.timelines[chatId];
    const updated = timeline && withAttachment(timeline, messageId, attachment);
    if (updated && updated !== timeline) return this.setTimeline(chatId, updated);
    this.readyAttachments.set(attachment.id, attachment);
    if (this.readyAttachments.size > 100) this.readyAttachments.delete(this.readyAttachments.keys().next().value!);
  }

  private receive(received: MessageDto) {
    const message = withReadyAttachments(received, this.readyAttachments);
    const timeline = this.state.timelines[message.chatId];
    if (timeline) {
      const merged = mergeMessages(timeline, [message]);
      this.setTimeline(message.chatId, merged);
      if (hasGap(merged)) void this.catchUp(message.chatId).catch(() => undefined);
    }
    if (message.senderId === this.userId && message.clientId) void this.outbox.confirmed(message.clientId);
    if (message.senderId !== this.userId) this.acknowledgeDelivered(message.chatId, message.seq);
    if (this.state.chats) {
      const { list, known } = withMessage(this.state.chats, message, this.userId);
      if (list !== this.state.chats) this.set({ chats: list });
      if (!known) this.callbacks.onUnknownChat?.(message.chatId);
    }
  }

  private removeChat(chatId: string) {
    const timelines = { ...this.state.timelines };
    delete timelines[chatId];
    this.set({ timelines, chats: this.state.chats && withoutChat(this.state.chats, chatId) });
  }

  // --- sending ---
  /** Queues a message: text, or attachments with `content` as their caption — stored ones, and
   * files still uploading (their jobs from the composer, finished by the outbox, even offline or
   * after a reload). */
  async send(chatId: string, content: string, attachments: AttachmentDto[] = [], files: UploadJob[] = [], replyToId?: string): Promise<OutboxItem> {
    this.stopTyping(chatId);
    for (const job of files) this.uploads.adopt(job);
    const item = await this.outbox.enqueue(
      chatId,
      content,
      attachments,
      files.map((job) => ({ blob: job.file, state: job.state })),
      replyToId,
    );
    // Written without a connection: the service worker may send it even if this tab is closed first.
    if (this.state.connection !== "online") requestBackgroundSync();
    return item;
  }
  /** The bytes of a queued message's file (for its preview while sending). */
  outboxFile = (uploadClientId: string) => this.store.file(uploadClientId);
  retry = (clientId: string) => this.outbox.retry(clientId);
  discard = (clientId: string) => this.outbox.remove(clientId);

  // --- receipts ---
  /** The person has seen the chat up to `seq` (it is on screen and the tab is visible): the badge
   * clears at once, the server hears it once. */
  markRead(chatId: string, seq: number): void {
    if (this.state.chats) {
      const chats = withReadMark(this.state.chats, chatId, seq);
      if (chats !== this.state.chats) this.set({ chats });
    }
    if (seq <= (this.readMarks.get(chatId) ?? 0)) return;
    this.readMarks.set(chatId, seq);
    void this.api.message.markRead.mutate({ chatId, seq }).catch(() => {
      if (this.readMarks.get(chatId) === seq) this.readMarks.delete(chatId);
    });
  }

  /** This device knows of the chat's messages up to `seq` — live, from history or catch-up, or from
   * the chat list loaded before the socket joined — so the senders get ✓✓. Each mark is sent once,
   * batched per chat, and kept until a socket is connected to carry it. */
  acknowledgeDelivered(chatId: string, seq: number): void {
    this.delivered.add(chatId, seq);
  }

  private learned(chatId: string, messages: MessageDto[]) {
    const fromOthers = messages.filter((message) => message.senderId !== this.userId);
    if (fromOthers.length) this.acknowledgeDelivered(chatId, Math.max(...fromOthers.map((message) => message.seq)));
  }

  private applyReceipt(update: ReceiptUpdate) {
    const current = this.state.receipts[update.chatId];
    const next = withReceipt(current, update);
    if (next !== current) this.set({ receipts: { ...this.state.receipts, [update.chatId]: next } });
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
    this.set({ typing: withTyping(this.state.typing, chatId, userId, typing, Date.now()) });
    this.typingTimer ??= setInterval(() => this.pruneTyping(), 1_000);
  }

  private pruneTyping() {
    const typing = withoutExpired(this.state.typing, Date.now());
    if (typing !== this.state.typing) this.set({ typing });
    const anyone = Object.values(typing).some((users) => Object.keys(users).length > 0);
    if (!anyone && this.typingTimer) {
      clearInterval(this.typingTimer);
      this.typingTimer = null;
    }
  }

  async queryPresence(userIds: string[]): Promise<void> {
    if (!this.socket?.connected || userIds.length === 0) return;
    // Socket.IO types a timed emitWithAck's answer loosely: it is the event's ack.
    const asked = this.socket.timeout(5_000).emitWithAck("presence:query", { userIds }) as Promise<Ack<PresenceUpdate[]>>;
    const result = await asked.catch(() => null);
    if (!result?.ok) return;
    const presence = { ...this.state.presence };
    for (const update of result.data) presence[update.userId] = update;
    this.set({ presence });
  }

  // --- socket ---
  private listen(socket: ClientSocket) {
    socket.on("message:new", (message) => this.receive(message));
    socket.on("receipt:update", (update) => this.applyReceipt(update));
    socket.on("chat:updated", ({ chatId }) => this.callbacks.onChatChanged?.(chatId));
    socket.on("chat:removed", ({ chatId }) => {
      this.removeChat(chatId);
      this.callbacks.onChatRemoved?.(chatId);
    });
    socket.on("friends:updated", () => this.callbacks.onFriendsChanged?.());
    socket.on("user:updated", ({ userId }) => this.callbacks.onUserUpdated?.(userId));
    socket.on("typing:update", ({ chatId, userId, typing }) => this.applyTyping(chatId, userId, typing));
    socket.on("presence:update", (update) => this.set({ presence: { ...this.state.presence, [update.userId]: update } }));
    socket.on("sync:required", () => this.resync());
    socket.on("attachment:ready", (update) => this.attachmentReady(update));
    socket.on("message:updated", (message) => this.applyChange(message.chatId, [message]));
    socket.on("message:hidden", ({ chatId, messageId }) => this.applyChange(chatId, [], [messageId]));
  }

  /** After every (re)connect, or when the server says events were lost: catch up on every open chat, flush the outbox, refresh lists. */
  private resync() {
    this.outbox.online();
    this.delivered.flush();
    for (const chatId of Object.keys(this.state.timelines)) void this.openChat(chatId).catch(() => undefined);
    this.callbacks.onReconnect?.();
  }
}

function isOutboxStore(value: OutboxStore | MessengerEnvironment): value is OutboxStore {
  return typeof (value as Partial<OutboxStore>).put === "function";
}

/** One tab at a time flushes the shared outbox (Web Locks, where the browser has them). */
function webLock(name: string): MessengerEnvironment["exclusive"] {
  if (typeof navigator === "undefined" || !navigator.locks) return undefined;
  return <T,>(work: () => Promise<T>) => navigator.locks.request(name, work) as Promise<T>;
}
