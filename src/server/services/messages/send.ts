// Sending a message. Idempotent by (sender, clientId): the outbox may resend after a reconnect,
// a reload or a lost answer, and gets the stored message back instead of a duplicate.
import { z } from "zod";
import { db } from "~/server/db";
import { uniqueViolationFields } from "~/server/db/errors";
import { publishToUsers } from "~/server/realtime/publish";
import { AppError } from "~/shared/errors";
import type { MessageDto } from "~/shared/realtime/events";
import type { ZSendMessageInput } from "~/shared/schemas/chat";
import { chatNotFound } from "../chats/membership";
import { appendMessage } from "./append";
import { toMessageDto } from "./dto";

export interface SendResult {
  message: MessageDto;
  /** False when this was a resend of a message already stored. */
  created: boolean;
}

export async function sendMessage(senderId: string, input: z.output<typeof ZSendMessageInput>): Promise<SendResult> {
  const stored = await findResend(senderId, input.clientId, input.chatId);
  if (stored) return { message: stored, created: false };

  let result: { message: MessageDto; recipients: string[] };
  try {
    result = await db.$transaction(async (tx) => {
      // Members, and for a direct chat whether a block stands between the sender and the other.
      const members = await tx.$queryRaw<Array<{ userId: string; blocksSender: boolean; blockedBySender: boolean }>>`
        SELECT m.user_id AS "userId",
          (c.type = 'DIRECT' AND EXISTS (SELECT 1 FROM user_blocks b WHERE b.blocker_id = m.user_id AND b.blocked_id = ${senderId}::uuid)) AS "blocksSender",
          (c.type = 'DIRECT' AND EXISTS (SELECT 1 FROM user_blocks b WHERE b.blocker_id = ${senderId}::uuid AND b.blocked_id = m.user_id)) AS "blockedBySender"
        FROM chat_members m JOIN chats c ON c.id = m.chat_id
        WHERE m.chat_id = ${input.chatId}::uuid`;
      if (!members.some((member) => member.userId === senderId)) throw chatNotFound();
      if (members.some((member) => member.blockedBySender)) throw new AppError("BLOCKED_BY_YOU", "You blocked this person: unblock them to write");
      if (members.some((member) => member.blocksSender)) throw new AppError("BLOCKED_BY_THEM", "This person does not accept messages from you");
      if (input.replyToId) {
        const target = await tx.message.findUnique({ where: { id: input.replyToId }, select: { chatId: true } });
        if (target?.chatId !== input.chatId) throw new AppError("BAD_REQUEST", "The replied message is not in this chat", { field: "replyToId" });
      }
      const message = await appendMessage(tx, { chatId: input.chatId, senderId, clientId: input.clientId, content: input.content, replyToId: input.replyToId });
      // One's own message counts as read and delivered for oneself.
      await tx.chatMember.update({
        where: { chatId_userId: { chatId: input.chatId, userId: senderId } },
        data: { lastReadSeq: message.seq, lastDeliveredSeq: message.seq },
      });
      return { message: toMessageDto(message), recipients: members.map((member) => member.userId) };
    });
  } catch (error) {
    // Two copies of one message raced past findResend: the loser's transaction rolled back whole.
    if (uniqueViolationFields(error)?.some((field) => field.includes("client"))) {
      const winner = await findResend(senderId, input.clientId, input.chatId);
      if (winner) return { message: winner, created: false };
    }
    throw error;
  }

  await publishToUsers(result.recipients, "message:new", result.message);
  return { message: result.message, created: true };
}

async function findResend(senderId: string, clientId: string, chatId: string): Promise<MessageDto | null> {
  const message = await db.message.findUnique({ where: { senderId_clientId: { senderId, clientId } } });
  if (!message) return null;
  if (message.chatId !== chatId) throw new AppError("BAD_REQUEST", "This message id was already used in another chat", { field: "clientId" });
  return toMessageDto(message);
}
