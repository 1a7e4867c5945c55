// Ticks of one's own messages: who of the other members has the message delivered / read.
import type { Marks, Receipts } from "~/client/receipts";
import type { MessageDto } from "~/shared/realtime/events";
import type { ChatMember } from "./chat-types";

export type OwnStatus = "sending" | "failed" | "sent" | "delivered" | "read";

/** What the ticks need of a member. */
type Member = Pick<ChatMember, "id" | "joinedAt">;

const NO_MARKS: Marks = { lastReadSeq: 0, lastDeliveredSeq: 0 };

/** The other members a message was meant for: those who had joined by the time it was sent. */
function audience<T extends Member>(message: MessageDto, meId: string, members: readonly T[]): T[] {
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

/** A member's marks (the Messenger's, seeded from chat.get), raised to what their own messages prove. */
function marksOf(member: Member, receipts: Receipts | undefined, sent: SentUpTo): Marks {
  const marks = receipts?.[member.id] ?? NO_MARKS;
  const floor = sent.get(member.id) ?? 0;
  return { lastReadSeq: Math.max(marks.lastReadSeq, floor), lastDeliveredSeq: Math.max(marks.lastDeliveredSeq, floor) };
}

/** ✓ sent, ✓✓ delivered to every other member, coloured ✓✓ read by every other member. */
export function storedStatus(message: MessageDto, meId: string, members: readonly Member[], receipts: Receipts | undefined, sent: SentUpTo): OwnStatus {
  const others = audience(message, meId, members);
  if (others.length === 0) return "sent";
  const marks = others.map((member) => marksOf(member, receipts, sent));
  if (marks.every((mark) => mark.lastReadSeq >= message.seq)) return "read";
  if (marks.every((mark) => mark.lastDeliveredSeq >= message.seq)) return "delivered";
  return "sent";
}

/** The other members who have read a message (a group's "read by"). */
export function readers<T extends Member>(message: MessageDto, meId: string, members: readonly T[], receipts: Receipts | undefined, sent: SentUpTo): T[] {
  return audience(message, meId, members).filter((member) => marksOf(member, receipts, sent).lastReadSeq >= message.seq);
}
