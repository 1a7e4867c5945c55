// Appending a message: the chat's sequence counter is bumped and the message stored in one
// transaction, so sequences are gap-free and ordered by commit.
import type { Prisma } from "~/server/db";
import type { SystemEvent } from "~/shared/realtime/events";

type Tx = Prisma.TransactionClient;

export interface NewMessage {
  chatId: string;
  senderId: string | null;
  clientId?: string | null;
  content: string;
  system?: SystemEvent;
  replyToId?: string | null;
}

export async function appendMessage(tx: Tx, message: NewMessage) {
  // The UPDATE row-locks the chat: concurrent senders to one chat queue here, others don't wait.
  const rows = await tx.$queryRaw<{ last_seq: number }[]>`
    UPDATE chats SET last_seq = last_seq + 1, last_message_at = now(), updated_at = now()
    WHERE id = ${message.chatId}::uuid
    RETURNING last_seq`;
  const seq = rows[0]!.last_seq;
  return tx.message.create({
    data: {
      chatId: message.chatId,
      seq,
      senderId: message.senderId,
      clientId: message.clientId ?? null,
      kind: message.system ? "SYSTEM" : "TEXT",
      content: message.content,
      systemData: message.system ?? undefined,
      replyToId: message.replyToId ?? null,
    },
  });
}

/** A system message ("Anna added Boris") in the chat's timeline. */
export function appendSystemMessage(tx: Tx, chatId: string, system: SystemEvent) {
  return appendMessage(tx, { chatId, senderId: null, content: "", system });
}
