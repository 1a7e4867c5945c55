// `npm run backup`: a consistent backup of the database (DATABASE_URL, or the embedded PostgreSQL
// of `npm start`) and of locally stored uploads into BACKUP_DIR (or the
// app's S3 bucket with BACKUP_TARGET=s3), keeping the newest BACKUP_KEEP.
import { loadEnvFile } from "./load-env.ts";
import { appBucket } from "./app-bucket.ts";
import { databaseForCommand } from "./database-for-command.ts";
import { createBackup } from "../src/server/backup/create-backup.ts";
import { backupSettingsFromProcessEnv } from "../src/server/backup/settings.ts";

loadEnvFile();
const settings = backupSettingsFromProcessEnv(process.env);
const database = await databaseForCommand();
try {
  const result = await createBackup(settings, database.url, settings.target === "s3" ? await appBucket(database.url) : null);
  console.log(`Backup written: ${result.folder}`);
  console.log(`  engine: ${result.engine} (${result.engineReason})`);
  console.log(`  ${result.rows} rows, ${result.uploads} uploaded files, ${(result.bytes / 1024 / 1024).toFixed(1)} MiB`);
  if (result.removed.length) console.log(`  removed (BACKUP_KEEP=${settings.keep}): ${result.removed.join(", ")}`);
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
await database.stop();
