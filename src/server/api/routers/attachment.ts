// attachment.createUpload → PUT the bytes → attachment.complete → message.send({ attachmentIds });
// attachment.downloadUrl, attachment.list (a chat's media and files), attachment.usage (the quota).
import { userLimits } from "~/server/limits";
import { completeUpload } from "~/server/services/attachments/complete";
import { downloadUrl } from "~/server/services/attachments/download";
import { listChatAttachments, storageUsage } from "~/server/services/attachments/list";
import { abortUpload, createUpload, uploadPart } from "~/server/services/attachments/upload";
import { ZAttachmentRef, ZChatAttachmentsInput, ZCompleteUploadInput, ZCreateUploadInput, ZDownloadUrlInput, ZUploadPartInput } from "~/shared/schemas/attachment";
import { createTRPCRouter, perUserLimit, protectedProcedure } from "../trpc";

export const attachmentRouter = createTRPCRouter({
  createUpload: protectedProcedure
    .input(ZCreateUploadInput)
    .use(perUserLimit(userLimits.uploadSlot))
    .mutation(({ ctx, input }) => createUpload(ctx.auth.user.id, input)),
  uploadPart: protectedProcedure.input(ZUploadPartInput).mutation(({ ctx, input }) => uploadPart(ctx.auth.user.id, input)),
  complete: protectedProcedure.input(ZCompleteUploadInput).mutation(({ ctx, input }) => completeUpload(ctx.auth.user.id, input)),
  abort: protectedProcedure.input(ZAttachmentRef).mutation(({ ctx, input }) => abortUpload(ctx.auth.user.id, input.attachmentId)),
  downloadUrl: protectedProcedure.input(ZDownloadUrlInput).query(({ ctx, input }) => downloadUrl(ctx.auth.user.id, input)),
  list: protectedProcedure.input(ZChatAttachmentsInput).query(({ ctx, input }) => listChatAttachments(ctx.auth.user.id, input)),
  usage: protectedProcedure.query(({ ctx }) => storageUsage(ctx.auth.user.id)),
});
