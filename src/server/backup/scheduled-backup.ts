// The `backup.run` job (BACKUP_CRON): the same backup as `npm run backup`, of the app's own database.
import { env } from "~/env";
import { log } from "~/server/ops/logger";
import { getStorage } from "~/server/storage";
import { createBackup, type BackupResult } from "./create-backup";
import { backupSettings } from "./settings";

export async function runScheduledBackup(): Promise<BackupResult> {
  const settings = backupSettings(env);
  const result = await createBackup(settings, env.DATABASE_URL, settings.target === "s3" ? getStorage() : null);
  log().info({ folder: result.folder, engine: result.engine, rows: result.rows, uploads: result.uploads, bytes: result.bytes, removed: result.removed }, "backup: written");
  return result;
}
