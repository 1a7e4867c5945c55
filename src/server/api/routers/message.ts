// message.send, message.sendBatch, message.history, message.markRead (delivery marks come over the socket)
import { readHistory } from "~/server/services/messages/history";
import { markRead } from "~/server/services/messages/receipts";
import { sendMessageBatch, sendMessageLimited } from "~/server/services/messages/send-limited";
import { ZHistoryInput, ZReceiptInput, ZSendBatchInput, ZSendMessageInput } from "~/shared/schemas/chat";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const messageRouter = createTRPCRouter({
  send: protectedProcedure.input(ZSendMessageInput).mutation(({ ctx, input }) => sendMessageLimited(ctx.auth.user.id, input)),
  sendBatch: protectedProcedure.input(ZSendBatchInput).mutation(({ ctx, input }) => sendMessageBatch(ctx.auth.user.id, input)),
  history: protectedProcedure.input(ZHistoryInput).query(({ ctx, input }) => readHistory(ctx.auth.user.id, input)),
  markRead: protectedProcedure.input(ZReceiptInput).mutation(({ ctx, input }) => markRead(ctx.auth.user.id, input.chatId, input.seq)),
});
