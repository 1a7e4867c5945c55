-- Attachments: many per message (with their order), per-chat, resumable (upload id), checked
-- (status), 64-bit sizes, voice metadata. messages.attachment_id was never written, so dropping it loses nothing.
-- CreateEnum
CREATE TYPE "AttachmentPurpose" AS ENUM ('FILE', 'VOICE', 'AVATAR');

-- CreateEnum
CREATE TYPE "AttachmentStatus" AS ENUM ('PENDING', 'READY');

-- DropForeignKey
ALTER TABLE "messages" DROP CONSTRAINT "messages_attachment_id_fkey";

-- DropIndex
DROP INDEX "messages_attachment_id_key";

-- DropIndex
DROP INDEX "attachments_uploader_id_idx";

-- AlterTable
ALTER TABLE "messages" DROP COLUMN "attachment_id";

-- AlterTable
ALTER TABLE "attachments" ADD COLUMN     "chat_id" UUID,
ADD COLUMN     "client_id" UUID,
ADD COLUMN     "completed_at" TIMESTAMP(3),
ADD COLUMN     "duration_ms" INTEGER,
ADD COLUMN     "message_id" UUID,
ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "purpose" "AttachmentPurpose" NOT NULL DEFAULT 'FILE',
ADD COLUMN     "status" "AttachmentStatus" NOT NULL DEFAULT 'PENDING',
ADD COLUMN     "thumbnail_key" VARCHAR(512),
ADD COLUMN     "upload_id" VARCHAR(1024),
ADD COLUMN     "waveform" BYTEA,
ALTER COLUMN "size" SET DATA TYPE BIGINT;

-- CreateIndex
CREATE INDEX "attachments_message_id_position_idx" ON "attachments"("message_id", "position");

-- CreateIndex
CREATE INDEX "attachments_chat_id_created_at_idx" ON "attachments"("chat_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "attachments_uploader_id_client_id_key" ON "attachments"("uploader_id", "client_id");

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_chat_id_fkey" FOREIGN KEY ("chat_id") REFERENCES "chats"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE SET NULL ON UPDATE CASCADE;

