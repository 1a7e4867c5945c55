// The `backup.run` job (BACKUP_CRON): the same backup as `npm run backup`, of the app's own database.
import { env } from "~/env";
import { log } from "~/server/ops/logger";
import { createBackup, type BackupResult } from "./create-backup";
import { backupSettings } from "./settings";

export async function runScheduledBackup(): Promise<BackupResult> {
  const result = await createBackup(backupSettings(env), env.DATABASE_URL);
  log().info({ folder: result.folder, engine: result.engine, rows: result.rows, uploads: result.uploads, bytes: result.bytes, removed: result.removed }, "backup: written");
  return result;
}
