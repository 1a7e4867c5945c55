// `npm run restore -- <backup folder>`: restores a backup made by `npm run backup` into an empty
// database (DATABASE_URL, or the embedded PostgreSQL of `npm start`: stop the app and move the
// old .data/postgres away first), and its uploaded files into STORAGE_LOCAL_DIR.
import { loadEnvFile } from "./load-env.ts";
import { rm } from "node:fs/promises";
import path from "node:path";
import { appBucket } from "./app-bucket.ts";
import { databaseForCommand } from "./database-for-command.ts";
import { downloadBackup } from "../src/server/backup/remote-copy.ts";
import { restoreBackup } from "../src/server/backup/restore-backup.ts";
import { backupSettingsFromProcessEnv } from "../src/server/backup/settings.ts";

loadEnvFile();
const folder = process.argv[2];
if (!folder) {
  console.error("Usage: npm run restore -- <backup folder> (e.g. .data/backups/brainmessenger-20261202T031500000Z), or s3:<name> with BACKUP_TARGET=s3");
  process.exit(2);
}
const settings = backupSettingsFromProcessEnv(process.env);
const S3 = "s3:";

/** `s3:<name>` (BACKUP_TARGET=s3) is downloaded into BACKUP_DIR first, and removed after a restore. */
async function localCopy(backup: string, databaseUrl: string): Promise<string> {
  if (!backup.startsWith(S3)) return backup;
  return downloadBackup(await appBucket(databaseUrl), backup.slice(S3.length), settings.directory);
}
const database = await databaseForCommand();
try {
  const result = await restoreBackup(await localCopy(folder, database.url), settings, database.url);
  console.log(`Restored the backup of ${result.createdAt} (${result.engine}): ${result.rows} rows, schema at ${result.lastMigration}.`);
  if (result.uploads !== null) console.log(`  ${result.uploads} uploaded files into ${settings.uploadsDirectory}`);
  else if (result.uploadsInBackup) console.log(`  The backup's ${result.uploadsInBackup} uploaded files were not restored: storage here is not local (STORAGE_DRIVER). They are in ${folder}/files/objects.`);
  console.log("Start the app as usual: it applies any newer migrations.");
  if (folder.startsWith(S3)) await rm(path.join(settings.directory, folder.slice(S3.length)), { recursive: true, force: true });
} catch (error) {
  console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
await database.stop();
