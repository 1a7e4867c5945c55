-- AlterTable
ALTER TABLE "attachments" ADD COLUMN     "processing" BOOLEAN NOT NULL DEFAULT false;

