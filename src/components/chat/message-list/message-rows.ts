// The conversation as rows: stored messages, then this chat's unsent ones, with a day separator
// before each new day and runs of one sender's messages (the first shows the name, the last the tail).
import type { OutboxItem } from "~/client/outbox-store";
import type { MessageDto } from "~/shared/realtime/events";
import { dayKey } from "../format";

export type Row =
  | { type: "day"; key: string; iso: string }
  | { type: "message"; key: string; message: MessageDto; first: boolean; tail: boolean }
  | { type: "pending"; key: string; item: OutboxItem; iso: string; first: boolean; tail: boolean };

interface Entry {
  key: string;
  iso: string;
  /** null for system messages. */
  senderId: string | null;
  message?: MessageDto;
  item?: OutboxItem;
}

/** Rows in order, with day separators and runs of one sender's messages. */
export function buildRows(messages: MessageDto[], pending: OutboxItem[], meId: string): Row[] {
  const entries: Entry[] = [
    ...messages.map((message) => ({
      // Own messages keep their row from "sending" to stored: keyed by clientId.
      key: message.clientId && message.senderId === meId ? `c:${message.clientId}` : message.id,
      iso: message.createdAt,
      senderId: message.kind === "SYSTEM" ? null : message.senderId,
      message,
    })),
    ...pending.map((item) => ({ key: `c:${item.clientId}`, iso: new Date(item.createdAt).toISOString(), senderId: meId, item })),
  ];
  const rows: Row[] = [];
  entries.forEach((entry, index) => {
    const previous = entries[index - 1];
    const next = entries[index + 1];
    const day = dayKey(entry.iso);
    if (!previous || dayKey(previous.iso) !== day) rows.push({ type: "day", key: `d:${day}`, iso: entry.iso });
    const first = !previous || previous.senderId !== entry.senderId || dayKey(previous.iso) !== day;
    const tail = !next || next.senderId !== entry.senderId || dayKey(next.iso) !== day;
    if (entry.message) rows.push({ type: "message", key: entry.key, message: entry.message, first, tail });
    else if (entry.item) rows.push({ type: "pending", key: entry.key, item: entry.item, iso: entry.iso, first, tail });
  });
  return rows;
}

