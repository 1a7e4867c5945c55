-- Subscriptions made before this migration belong to no session (none could be made from the app yet).
DELETE FROM "push_subscriptions";

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "push_preview" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "push_subscriptions" ADD COLUMN     "session_id" UUID NOT NULL,
ALTER COLUMN "p256dh" SET DATA TYPE VARCHAR(128),
ALTER COLUMN "auth" SET DATA TYPE VARCHAR(64);

-- CreateTable
CREATE TABLE "push_deliveries" (
    "subscription_id" UUID NOT NULL,
    "key" VARCHAR(100) NOT NULL,
    "chat_id" UUID,
    "seq" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "push_deliveries_pkey" PRIMARY KEY ("subscription_id","key")
);

-- CreateIndex
CREATE INDEX "push_deliveries_chat_id_seq_idx" ON "push_deliveries"("chat_id", "seq");

-- CreateIndex
CREATE INDEX "push_deliveries_created_at_idx" ON "push_deliveries"("created_at");

-- CreateIndex
CREATE INDEX "push_subscriptions_session_id_idx" ON "push_subscriptions"("session_id");

-- AddForeignKey
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_deliveries" ADD CONSTRAINT "push_deliveries_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "push_subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

