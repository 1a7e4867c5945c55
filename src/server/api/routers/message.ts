// message.send, message.sendBatch, message.history, message.changes, message.edit, message.delete,
// message.hide, message.markRead (delivery marks come over the socket)
import { deleteMessage, editMessage, hideMessage } from "~/server/services/messages/change";
import { readChanges, readHistory } from "~/server/services/messages/history";
import { markRead } from "~/server/services/messages/receipts";
import { sendMessageBatch, sendMessageLimited } from "~/server/services/messages/send-limited";
import { ZChangesInput, ZEditMessageInput, ZHistoryInput, ZMessageRef, ZReceiptInput, ZSendBatchInput, ZSendMessageInput } from "~/shared/schemas/chat";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const messageRouter = createTRPCRouter({
  send: protectedProcedure.input(ZSendMessageInput).mutation(({ ctx, input }) => sendMessageLimited(ctx.auth.user.id, input)),
  sendBatch: protectedProcedure.input(ZSendBatchInput).mutation(({ ctx, input }) => sendMessageBatch(ctx.auth.user.id, input)),
  history: protectedProcedure.input(ZHistoryInput).query(({ ctx, input }) => readHistory(ctx.auth.user.id, input)),
  changes: protectedProcedure.input(ZChangesInput).query(({ ctx, input }) => readChanges(ctx.auth.user.id, input)),
  edit: protectedProcedure.input(ZEditMessageInput).mutation(({ ctx, input }) => editMessage(ctx.auth.user.id, input.messageId, input.content)),
  delete: protectedProcedure.input(ZMessageRef).mutation(({ ctx, input }) => deleteMessage(ctx.auth.user.id, input.messageId)),
  hide: protectedProcedure.input(ZMessageRef).mutation(({ ctx, input }) => hideMessage(ctx.auth.user.id, input.messageId)),
  markRead: protectedProcedure.input(ZReceiptInput).mutation(({ ctx, input }) => markRead(ctx.auth.user.id, input.chatId, input.seq)),
});
