// Read and delivered marks of a chat's members as this tab holds them: seeded from chat.get, moved
// by receipt:update events. Marks only move forward, so whichever of the two arrives last, the
// newer mark stays.
import type { ReceiptUpdate } from "~/shared/realtime/events";

export interface Marks {
  lastReadSeq: number;
  lastDeliveredSeq: number;
}

/** userId → marks, for one chat. */
export type Receipts = Record<string, Marks>;

function newer(current: Marks | undefined, next: Marks): Marks {
  if (!current) return next;
  if (current.lastReadSeq >= next.lastReadSeq && current.lastDeliveredSeq >= next.lastDeliveredSeq) return current;
  return { lastReadSeq: Math.max(current.lastReadSeq, next.lastReadSeq), lastDeliveredSeq: Math.max(current.lastDeliveredSeq, next.lastDeliveredSeq) };
}

/** The members' marks as chat.get reported them, without undoing newer live marks. */
export function seedReceipts(current: Receipts | undefined, members: ReadonlyArray<{ id: string } & Marks>): Receipts {
  const next: Receipts = { ...current };
  for (const member of members) next[member.id] = newer(current?.[member.id], { lastReadSeq: member.lastReadSeq, lastDeliveredSeq: member.lastDeliveredSeq });
  return next;
}

/** One member's marks moved (a receipt:update event). */
export function withReceipt(current: Receipts | undefined, update: ReceiptUpdate): Receipts {
  const marks = newer(current?.[update.userId], { lastReadSeq: update.lastReadSeq, lastDeliveredSeq: update.lastDeliveredSeq });
  return current?.[update.userId] === marks ? current : { ...current, [update.userId]: marks };
}
