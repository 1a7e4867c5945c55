// Ticks of one's own messages: who of the other members has the message delivered / read.
import type { Receipts } from "~/client/messenger";
import type { MessageDto } from "~/shared/realtime/events";
import type { ChatMember } from "./people";

export type OwnStatus = "sending" | "failed" | "sent" | "delivered" | "read";

export interface Marks {
  lastReadSeq: number;
  lastDeliveredSeq: number;
}

/** The other members a message was meant for: those who had joined by the time it was sent. */
function audience(message: MessageDto, meId: string, members: ChatMember[]): ChatMember[] {
  const sentAt = Date.parse(message.createdAt);
  return members.filter((member) => member.id !== meId && Date.parse(member.joinedAt) <= sentAt);
}

/**
 * Per member, the newest sequence they sent: sending counts as having read (and received) everything
 * before it, and the server moves the sender's marks without a receipt event.
 */
export type SentUpTo = Map<string, number>;

export function sentUpTo(messages: MessageDto[]): SentUpTo {
  const newest: SentUpTo = new Map();
  for (const message of messages) if (message.senderId) newest.set(message.senderId, Math.max(message.seq, newest.get(message.senderId) ?? 0));
  return newest;
}

function marksOf(member: ChatMember, receipts: Receipts | undefined, sent: SentUpTo): Marks {
  const marks = receipts?.[member.id] ?? { lastReadSeq: member.lastReadSeq, lastDeliveredSeq: member.lastDeliveredSeq };
  const floor = sent.get(member.id) ?? 0;
  return { lastReadSeq: Math.max(marks.lastReadSeq, floor), lastDeliveredSeq: Math.max(marks.lastDeliveredSeq, floor) };
}

/** ✓ sent, ✓✓ delivered to every other member, coloured ✓✓ read by every other member. */
export function storedStatus(message: MessageDto, meId: string, members: ChatMember[], receipts: Receipts | undefined, sent: SentUpTo): OwnStatus {
  const others = audience(message, meId, members);
  if (others.length === 0) return "sent";
  const marks = others.map((member) => marksOf(member, receipts, sent));
  if (marks.every((mark) => mark.lastReadSeq >= message.seq)) return "read";
  if (marks.every((mark) => mark.lastDeliveredSeq >= message.seq)) return "delivered";
  return "sent";
}

/** The other members who have read a message (a group's "read by"). */
export function readers(message: MessageDto, meId: string, members: ChatMember[], receipts: Receipts | undefined, sent: SentUpTo): ChatMember[] {
  return audience(message, meId, members).filter((member) => marksOf(member, receipts, sent).lastReadSeq >= message.seq);
}
