// The size limit (per file, the storage driver's UPLOAD_MAX_BYTES) and the per-user quota
// (STORAGE_QUOTA_BYTES), both checked when the slot is asked for: before any byte is sent.
import { env } from "~/env";
import type { Prisma } from "~/server/db";
import { query, queryIn, sql } from "~/server/db/sql";
import { AppError } from "~/shared/errors";

const MB = 1024 * 1024;

/** "25 MB", "1.5 MB", "1 GB", "12 KB": for messages a person reads. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  // Whatever would round to 1024 MB reads as GB.
  const [unit, size] = bytes >= 1023.5 * MB ? ["GB", bytes / (1024 * MB)] : ["MB", bytes / MB];
  return `${Number(size.toFixed(size < 10 ? 1 : 0))} ${unit}`;
}

export function assertFileSize(fileName: string, size: number, maxBytes: number): void {
  if (size > maxBytes) {
    throw new AppError("PAYLOAD_TOO_LARGE", `"${fileName}" is ${formatBytes(size)}: files may be at most ${formatBytes(maxBytes)}`, { field: "size" });
  }
}

export function quotaBytes(): number {
  return env.STORAGE_QUOTA_BYTES;
}

const usedSql = (userId: string) => sql`SELECT COALESCE(sum(size), 0)::text AS used FROM attachments WHERE uploader_id = ${userId}::uuid`;

/** Bytes of everything the user stored or is uploading (sent or not). */
export async function usedBytes(userId: string): Promise<number> {
  const [row] = await query<{ used: string }>(usedSql(userId));
  return Number(row!.used);
}

/** Inside the slot's transaction: one user's slots are serialised, so racing uploads cannot pass the quota together. */
export async function assertQuota(tx: Prisma.TransactionClient, userId: string, size: number): Promise<void> {
  await queryIn(tx, sql`SELECT pg_advisory_xact_lock(hashtextextended(${`upload-quota:${userId}`}, 0))::text AS locked`);
  const [row] = await queryIn<{ used: string }>(tx, usedSql(userId));
  const used = Number(row!.used);
  if (used + size > quotaBytes()) {
    throw new AppError(
      "STORAGE_QUOTA_EXCEEDED",
      `Not enough storage left: ${formatBytes(used)} of your ${formatBytes(quotaBytes())} are used, and this file needs ${formatBytes(size)}`,
      { field: "size" },
    );
  }
}
