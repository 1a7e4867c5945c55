// One chat's messages as the browser holds them: keyed by sequence, so a message that arrives twice
// (live event, catch-up page, send answer) is stored once, and a jump in sequence is a gap to fetch.
import type { AttachmentDto, MessageDto } from "~/shared/realtime/events";

export interface Timeline {
  /** Sorted by seq, no duplicates. */
  messages: MessageDto[];
  /** Every message from oldestSeq to newestSeq is held; above newestSeq something may be missing. */
  oldestSeq: number;
  newestSeq: number;
  hasOlder: boolean;
  /** The chat's change-log version every held message is known to be up to date with (catch-up asks
   * for changes after it); absent for a timeline saved before the change log existed. */
  version?: number;
}

export interface Page {
  messages: MessageDto[];
  hasMore: boolean;
  lastSeq: number;
  lastVersion?: number;
}

function union(a: MessageDto[], b: MessageDto[]): MessageDto[] {
  const bySeq = new Map<number, MessageDto>();
  for (const message of a) bySeq.set(message.seq, message);
  for (const message of b) if (!bySeq.has(message.seq)) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((x, y) => x.seq - y.seq);
}

/** Walks up from `newest` while the next sequence is held. */
function advance(messages: MessageDto[], newest: number): number {
  for (const message of messages) {
    if (message.seq <= newest) continue;
    if (message.seq !== newest + 1) break;
    newest = message.seq;
  }
  return newest;
}

/** The timeline from the newest page of history. */
export function timelineFromPage(page: Page): Timeline {
  const messages = union([], page.messages);
  const version = page.lastVersion;
  if (messages.length === 0) return { messages, oldestSeq: page.lastSeq + 1, newestSeq: page.lastSeq, hasOlder: false, version };
  const oldestSeq = messages[0]!.seq;
  return { messages, oldestSeq, newestSeq: Math.max(advance(messages, oldestSeq - 1), Math.min(page.lastSeq, messages.at(-1)!.seq)), hasOlder: page.hasMore, version };
}

/** Adds live or caught-up messages, and takes newer versions of held ones; returns the same object when nothing changed. */
export function mergeMessages(timeline: Timeline, incoming: MessageDto[]): Timeline {
  const updated = withChanges(timeline, incoming);
  const fresh = incoming.filter((message) => message.seq >= timeline.oldestSeq && !timeline.messages.some((held) => held.seq === message.seq));
  if (fresh.length === 0) return updated;
  const messages = union(updated.messages, fresh);
  return { ...updated, messages, newestSeq: advance(messages, updated.newestSeq) };
}

/** Held messages replaced by newer versions of them (edits, deletions) and marked hidden ("delete for
 * me"); `version`: the change log was read up to it. Messages not held are left to history. */
export function withChanges(timeline: Timeline, changed: MessageDto[], hiddenIds: readonly string[] = [], version?: number): Timeline {
  let messages = timeline.messages;
  const replace = (index: number, message: MessageDto) => {
    if (messages === timeline.messages) messages = [...messages];
    messages[index] = message;
  };
  for (const message of changed) {
    const index = messages.findIndex((held) => held.id === message.id);
    const held = messages[index];
    // A hide is the caller's own and never undone: a later edit or deletion keeps it.
    if (held && (message.version ?? 0) > (held.version ?? 0)) replace(index, held.hidden ? { ...message, hidden: true } : message);
  }
  for (const id of hiddenIds) {
    const index = messages.findIndex((held) => held.id === id);
    if (index >= 0 && !messages[index]!.hidden) replace(index, { ...messages[index]!, hidden: true });
  }
  const newVersion = version !== undefined && version > (timeline.version ?? -1) ? version : timeline.version;
  if (messages === timeline.messages && newVersion === timeline.version) return timeline;
  return { ...timeline, messages, version: newVersion };
}

/** Adds an older page (history `before`). */
export function prependPage(timeline: Timeline, page: Page): Timeline {
  const messages = union(page.messages, timeline.messages);
  return { ...timeline, messages, oldestSeq: Math.min(timeline.oldestSeq, messages[0]?.seq ?? timeline.oldestSeq), hasOlder: page.hasMore };
}

/** Messages above newestSeq are held but something below them is missing: fetch `after: newestSeq`. */
export function hasGap(timeline: Timeline): boolean {
  return timeline.messages.some((message) => message.seq > timeline.newestSeq);
}

/** A message's attachment replaced by its newer state (an image finished processing); the same object when not held. */
export function withAttachment(timeline: Timeline, messageId: string, attachment: AttachmentDto): Timeline {
  const index = timeline.messages.findIndex((message) => message.id === messageId);
  if (index < 0) return timeline;
  const message = timeline.messages[index]!;
  if (!message.attachments.some((held) => held.id === attachment.id)) return timeline;
  const messages = [...timeline.messages];
  messages[index] = { ...message, attachments: message.attachments.map((held) => (held.id === attachment.id ? attachment : held)) };
  return { ...timeline, messages };
}

/** The message with any of its still-processing attachments whose ready state arrived first (events from two senders may cross). */
export function withReadyAttachments(message: MessageDto, ready: ReadonlyMap<string, AttachmentDto>): MessageDto {
  if (!message.attachments.some((attachment) => attachment.processing && ready.has(attachment.id))) return message;
  return { ...message, attachments: message.attachments.map((attachment) => (attachment.processing ? (ready.get(attachment.id) ?? attachment) : attachment)) };
}

/** A timeline restored from the device's saved history, reconciled with the newest page from the
 * server: the saved older messages stay when they join the page without a hole, otherwise the page
 * replaces them (they would hide a gap); the server's copy of a message wins over the saved one. */
export function reconcileSaved(saved: Timeline, page: Page): Timeline {
  const fresh = timelineFromPage(page);
  const older = saved.messages.filter((message) => message.seq < fresh.oldestSeq);
  const joins = fresh.oldestSeq <= saved.newestSeq + 1;
  // Saved messages are only as current as the saved version: without one, they cannot be caught up.
  if (!joins || older.length === 0 || saved.version === undefined) return fresh;
  const joined = prependPage(fresh, { messages: older, hasMore: saved.hasOlder, lastSeq: page.lastSeq });
  // Catch-up then reads the changes (edits, deletions) the older saved messages missed.
  return { ...joined, version: Math.min(saved.version, fresh.version ?? saved.version) };
}
