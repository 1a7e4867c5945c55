// Appending a system message inside a transaction: the chat's sequence counter is bumped and the
// message stored with it. (A user's message takes the one-statement path in send.ts.)
import type { Prisma } from "~/server/db";
import { queryIn } from "~/server/db/sql";
import type { SystemEvent } from "~/shared/realtime/events";
import { bumpChatSeq } from "./sequence";

type Tx = Prisma.TransactionClient;

/** A system message ("Anna added Boris") in the chat's timeline. */
export async function appendSystemMessage(tx: Tx, chatId: string, system: SystemEvent) {
  const [bumped] = await queryIn<{ last_seq: number; last_version: number }>(tx, bumpChatSeq(chatId));
  return tx.message.create({ data: { chatId, seq: bumped!.last_seq, version: bumped!.last_version, senderId: null, kind: "SYSTEM", content: "", systemData: system } });
}
