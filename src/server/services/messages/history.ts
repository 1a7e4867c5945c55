// History by sequence: pages going back (`before`) and catch-up going forward (`after`).
// Two indexed statements per page in plain SQL (the membership with the chat's last sequence, then
// the page through the (chat_id, seq) index): this runs on every chat open and every reconnect.
import type { z } from "zod";
import type { Message } from "~/server/db";
import { messageColumns } from "~/server/db/columns";
import { empty, query, sql } from "~/server/db/sql";
import type { MessageDto } from "~/shared/realtime/events";
import type { ZHistoryInput } from "~/shared/schemas/chat";
import { requireMembership } from "../core/chat-access";
import { toMessageDtos } from "./dto";

export interface HistoryPage {
  /** Always oldest first, ready to render. */
  messages: MessageDto[];
  /** More older messages exist (for `before` pages) or more newer ones (for `after`). */
  hasMore: boolean;
  lastSeq: number;
}

export async function readHistory(userId: string, input: z.output<typeof ZHistoryInput>): Promise<HistoryPage> {
  const { lastSeq } = (await requireMembership(input.chatId, userId)).chat;
  const take = input.limit + 1;
  if (input.after !== undefined) {
    const rows = await query<Message>(sql`
      SELECT ${messageColumns("m")} FROM messages m WHERE m.chat_id = ${input.chatId}::uuid AND m.seq > ${input.after} ORDER BY m.seq ASC LIMIT ${take}`, "history-after");
    return { messages: await toMessageDtos(rows.slice(0, input.limit)), hasMore: rows.length > input.limit, lastSeq };
  }
  const before = input.before !== undefined ? sql`AND m.seq < ${input.before}` : empty;
  const rows = await query<Message>(
    sql`SELECT ${messageColumns("m")} FROM messages m WHERE m.chat_id = ${input.chatId}::uuid ${before} ORDER BY m.seq DESC LIMIT ${take}`,
    input.before !== undefined ? "history-before" : "history-newest",
  );
  return { messages: await toMessageDtos(rows.slice(0, input.limit).reverse()), hasMore: rows.length > input.limit, lastSeq };
}
