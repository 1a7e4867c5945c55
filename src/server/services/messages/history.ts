// History by sequence: pages going back (`before`) and catch-up going forward (`after`); and the
// chat's change log (`readChanges`): messages edited or deleted after a version, and the caller's hides.
// Two indexed statements per page in plain SQL (the membership with the chat's last sequence and
// version, then the page through the (chat_id, seq) or (chat_id, version) index): this runs on
// every chat open and every reconnect.
import type { z } from "zod";
import type { Message } from "~/server/db";
import { messageColumns } from "~/server/db/columns";
import { empty, query, sql, type Sql } from "~/server/db/sql";
import type { MessageDto } from "~/shared/realtime/events";
import type { ZChangesInput, ZHistoryInput } from "~/shared/schemas/chat";
import { requireMembership } from "../core/chat-access";
import { toMessageDtos } from "./dto";

export interface HistoryPage {
  /** Always oldest first, ready to render. */
  messages: MessageDto[];
  /** More older messages exist (for `before` pages) or more newer ones (for `after`). */
  hasMore: boolean;
  lastSeq: number;
  /** The chat's change-log version read before the page: every message in it is at least this fresh. */
  lastVersion: number;
}

export interface ChangesPage {
  /** Messages changed after `afterVersion` (sent, edited, deleted), oldest change first. */
  messages: MessageDto[];
  /** Messages the caller hid ("delete for me") after `afterVersion`. */
  hiddenIds: string[];
  /** The version this page brings the caller to: ask `afterVersion: version` next. */
  version: number;
  hasMore: boolean;
}

type Row = Message & { hidden: boolean };

function hiddenFor(userId: string): Sql {
  return sql`EXISTS (SELECT 1 FROM message_hides h WHERE h.user_id = ${userId}::uuid AND h.message_id = m.id) AS hidden`;
}

/** DTOs, with what the caller hid emptied and marked (kept in place: sequences stay gap-free). */
async function toCallerDtos(rows: Row[]): Promise<MessageDto[]> {
  const dtos = await toMessageDtos(rows);
  return dtos.map((dto, index) => (rows[index]!.hidden ? { ...dto, content: "", attachments: [], replyTo: null, hidden: true } : dto));
}

export async function readHistory(userId: string, input: z.output<typeof ZHistoryInput>): Promise<HistoryPage> {
  const { lastSeq, lastVersion } = (await requireMembership(input.chatId, userId)).chat;
  const take = input.limit + 1;
  if (input.after !== undefined) {
    const rows = await query<Row>(sql`
      SELECT ${messageColumns("m")}, ${hiddenFor(userId)} FROM messages m WHERE m.chat_id = ${input.chatId}::uuid AND m.seq > ${input.after} ORDER BY m.seq ASC LIMIT ${take}`, "history-after");
    return { messages: await toCallerDtos(rows.slice(0, input.limit)), hasMore: rows.length > input.limit, lastSeq, lastVersion };
  }
  const before = input.before !== undefined ? sql`AND m.seq < ${input.before}` : empty;
  const rows = await query<Row>(
    sql`SELECT ${messageColumns("m")}, ${hiddenFor(userId)} FROM messages m WHERE m.chat_id = ${input.chatId}::uuid ${before} ORDER BY m.seq DESC LIMIT ${take}`,
    input.before !== undefined ? "history-before" : "history-newest",
  );
  return { messages: await toCallerDtos(rows.slice(0, input.limit).reverse()), hasMore: rows.length > input.limit, lastSeq, lastVersion };
}

/** The change log after `afterVersion`: what a reconnecting device missed of messages it already holds. */
export async function readChanges(userId: string, input: z.output<typeof ZChangesInput>): Promise<ChangesPage> {
  const { lastVersion } = (await requireMembership(input.chatId, userId)).chat;
  const rows = await query<Row>(sql`
    SELECT ${messageColumns("m")}, ${hiddenFor(userId)} FROM messages m
    WHERE m.chat_id = ${input.chatId}::uuid AND m.version > ${input.afterVersion} AND m.version <= ${lastVersion}
    ORDER BY m.version ASC LIMIT ${input.limit + 1}`, "changes-after");
  const hasMore = rows.length > input.limit;
  const page = rows.slice(0, input.limit);
  const version = hasMore ? page.at(-1)!.version : lastVersion;
  const hides = await query<{ messageId: string }>(sql`
    SELECT message_id AS "messageId" FROM message_hides
    WHERE user_id = ${userId}::uuid AND chat_id = ${input.chatId}::uuid AND version > ${input.afterVersion} AND version <= ${version}`, "hides-after");
  return { messages: await toCallerDtos(page), hiddenIds: hides.map((hide) => hide.messageId), version, hasMore };
}
