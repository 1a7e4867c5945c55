// History by sequence: pages going back (`before`) and catch-up going forward (`after`).
import { z } from "zod";
import { db } from "~/server/db";
import type { MessageDto } from "~/shared/realtime/events";
import type { ZHistoryInput } from "~/shared/schemas/chat";
import { requireMembership } from "../chats/membership";
import { toMessageDto } from "./dto";

export interface HistoryPage {
  /** Always oldest first, ready to render. */
  messages: MessageDto[];
  /** More older messages exist (for `before` pages) or more newer ones (for `after`). */
  hasMore: boolean;
  lastSeq: number;
}

export async function readHistory(userId: string, input: z.output<typeof ZHistoryInput>): Promise<HistoryPage> {
  const { chat } = await requireMembership(input.chatId, userId);
  const take = input.limit + 1;
  if (input.after !== undefined) {
    const rows = await db.message.findMany({ where: { chatId: input.chatId, seq: { gt: input.after } }, orderBy: { seq: "asc" }, take });
    return { messages: rows.slice(0, input.limit).map(toMessageDto), hasMore: rows.length > input.limit, lastSeq: chat.lastSeq };
  }
  const rows = await db.message.findMany({
    where: { chatId: input.chatId, ...(input.before !== undefined ? { seq: { lt: input.before } } : {}) },
    orderBy: { seq: "desc" },
    take,
  });
  return { messages: rows.slice(0, input.limit).reverse().map(toMessageDto), hasMore: rows.length > input.limit, lastSeq: chat.lastSeq };
}
