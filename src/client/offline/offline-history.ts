// Write-behind of the Messenger's chats to the saved history: state changes mark it dirty, and one
// batched write a moment later saves what changed (the list, and each timeline or receipts object
// that is not the one last written), bounded to the chats of latest activity.
import type { ChatSummary } from "../chat-summaries";
import type { Receipts } from "../receipts";
import type { Timeline } from "../timeline";
import type { HistoryStore } from "./history-store";
import { chatsToKeep, savedTimeline, type SavedChat } from "./saved-history";

export interface HistorySource {
  chats: ChatSummary[] | null;
  timelines: Record<string, Timeline>;
  receipts: Record<string, Receipts>;
}

const WRITE_DELAY_MS = 750;

/** Every live write-behind, by account: sign-out stops them before it deletes their data. */
const live = new Map<string, Set<OfflineHistory>>();

export function stopOfflineHistories(userId: string): void {
  for (const history of live.get(userId) ?? []) history.stop();
}

export class OfflineHistory {
  private written = new Map<string, { timeline: Timeline; receipts?: Receipts }>();
  private writtenChats: ChatSummary[] | null = null;
  private latest: HistorySource | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly userId: string,
    private readonly store: HistoryStore,
    private readonly delayMs = WRITE_DELAY_MS,
  ) {
    live.set(userId, (live.get(userId) ?? new Set()).add(this));
  }

  /** The saved chat list; what is read counts as written. */
  async chats(): Promise<ChatSummary[] | null> {
    const chats = await this.store.chats().catch(() => null);
    this.writtenChats ??= chats;
    return chats;
  }

  async chat(chatId: string): Promise<SavedChat | undefined> {
    const saved = await this.store.chat(chatId).catch(() => undefined);
    if (saved && !this.written.has(chatId)) this.written.set(chatId, { timeline: saved.timeline, receipts: saved.receipts });
    return saved;
  }

  /** The Messenger's state changed: write it soon. */
  observe(source: HistorySource): void {
    if (this.stopped) return;
    this.latest = source;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delayMs);
  }

  /** Writes what changed since the last write now. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const source = this.latest;
    this.latest = null;
    if (!source || this.stopped) return this.writing;
    this.writing = this.writing.then(() => this.write(source)).catch(() => undefined);
    return this.writing;
  }

  /** Writes what is pending (unless cleared), then lets the database go. */
  async close(): Promise<void> {
    await this.flush();
    this.stop();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    live.get(this.userId)?.delete(this);
    this.store.close();
  }

  private async write(source: HistorySource): Promise<void> {
    const keep = source.chats ? chatsToKeep(source.chats) : null;
    const put: SavedChat[] = [];
    const written: Array<[string, { timeline: Timeline; receipts?: Receipts }]> = [];
    for (const [chatId, timeline] of Object.entries(source.timelines)) {
      if (keep && !keep.has(chatId)) continue;
      const receipts = source.receipts[chatId];
      const before = this.written.get(chatId);
      if (before?.timeline === timeline && before.receipts === receipts) continue;
      put.push({ chatId, timeline: savedTimeline(timeline), ...(receipts ? { receipts } : {}) });
      written.push([chatId, { timeline, receipts }]);
    }
    const chats = source.chats && source.chats !== this.writtenChats ? source.chats : undefined;
    if (!chats && put.length === 0) return;
    await this.store.write({ chats, put, keep: chats && keep ? keep : undefined });
    if (chats) this.writtenChats = chats;
    for (const [chatId, entry] of written) this.written.set(chatId, entry);
    if (keep) for (const chatId of this.written.keys()) if (!keep.has(chatId)) this.written.delete(chatId);
  }
}
