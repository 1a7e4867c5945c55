-- People search: a lower-cased "username display name" column with a trigram index, so partial
-- matches in any script ("анн" → "Анна") use an index instead of a sequential ILIKE.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "users" ADD COLUMN "search_name" VARCHAR(100) NOT NULL DEFAULT '';

UPDATE "users" SET "search_name" = lower("username" || ' ' || "display_name") WHERE "deleted_at" IS NULL;

-- CreateIndex
CREATE INDEX "users_search_name_trgm_idx" ON "users" USING GIN ("search_name" gin_trgm_ops);
