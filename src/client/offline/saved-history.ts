// What the device keeps of an account's chats for offline use: the chat list and, for the chats of
// most recent activity, their newest messages and members' receipts. Pure functions that bound it;
// the IndexedDB store is ./history-store.ts, the write-behind ./offline-history.ts.
import type { ChatSummary } from "../chat-summaries";
import type { Receipts } from "../receipts";
import type { Timeline } from "../timeline";

/** The numbers: the last 200 messages of the 50 chats with the latest activity. */
export const SAVED_CHATS_LIMIT = 50;
export const SAVED_MESSAGES_LIMIT = 200;

/** One chat's saved history, keyed by chatId. */
export interface SavedChat {
  chatId: string;
  timeline: Timeline;
  receipts?: Receipts;
}

/** The chats whose history is worth keeping: the first `limit` of the list (newest activity first). */
export function chatsToKeep(list: ChatSummary[], limit = SAVED_CHATS_LIMIT): Set<string> {
  return new Set(list.slice(0, limit).map((chat) => chat.id));
}

/** The timeline as it is saved: its contiguous part only (messages past a gap come back through
 * catch-up), cut to the newest `limit` messages; a cut timeline has older messages on the server. */
export function savedTimeline(timeline: Timeline, limit = SAVED_MESSAGES_LIMIT): Timeline {
  const contiguous = timeline.messages.filter((message) => message.seq <= timeline.newestSeq);
  if (contiguous.length === timeline.messages.length && contiguous.length <= limit) return timeline;
  if (contiguous.length <= limit) return { ...timeline, messages: contiguous };
  const messages = contiguous.slice(-limit);
  return { messages, oldestSeq: messages[0]!.seq, newestSeq: timeline.newestSeq, hasOlder: true };
}
