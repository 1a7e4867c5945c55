// `npm run restore -- <backup>`: checks the backup's files against its manifest, refuses a
// non-empty target, restores with the engine that made the backup, checks every table's row
// count, then puts the uploaded files back into the local storage folder.
import path from "node:path";
import { restoreTablesIn } from "./builtin-engine";
import { assertEmptyDatabase, connect, quoteIdent } from "./database";
import { readManifest, verifyFiles, type Manifest } from "./manifest";
import { findPgTools, restoreWithPgRestore } from "./pg-dump-engine";
import type { BackupSettings } from "./settings";
import { assertUploadsAbsent, restoreUploads } from "./uploads";

export interface RestoreResult {
  engine: Manifest["engine"];
  createdAt: string;
  lastMigration: string;
  rows: number;
  /** Uploaded files the backup holds (null: it was made with s3/uploadthing storage). */
  uploadsInBackup: number | null;
  /** Files put back into the local storage folder; null when storage here is not local. */
  uploads: number | null;
}

export async function restoreBackup(folder: string, settings: BackupSettings, databaseUrl: string): Promise<RestoreResult> {
  const manifest = await readManifest(folder);
  await verifyFiles(folder, manifest);
  // Files go back only where storage is local (with s3 the backup's files are not used).
  const uploadsDirectory = manifest.uploads !== null ? settings.uploadsDirectory : null;
  if (uploadsDirectory !== null) await assertUploadsAbsent(manifest, uploadsDirectory);
  const client = await connect(databaseUrl);
  try {
    await assertEmptyDatabase(client);
    if (manifest.engine === "builtin") {
      await restoreTablesIn(client, folder, manifest, settings.migrationsDirectory);
    } else {
      const tools = await findPgTools(settings.pgDumpPath);
      if (!tools) throw new Error(`This backup was made by pg_dump: restoring it needs pg_restore, and no pg_dump/pg_restore runs as "${settings.pgDumpPath}" (PG_DUMP_PATH)`);
      await restoreWithPgRestore(tools, databaseUrl, path.join(folder, manifest.dump!));
    }
    for (const table of manifest.tables) {
      const { rows } = await client.query<{ count: string }>(`SELECT count(*) AS count FROM public.${quoteIdent(table.name)}`);
      if (Number(rows[0]!.count) !== table.rows) throw new Error(`Table ${table.name} has ${rows[0]!.count} rows after the restore, the backup has ${table.rows}`);
    }
  } finally {
    await client.end();
  }
  const uploads = uploadsDirectory !== null ? await restoreUploads(folder, manifest, uploadsDirectory) : null;
  return {
    engine: manifest.engine,
    createdAt: manifest.createdAt,
    lastMigration: manifest.migrations.at(-1)!,
    rows: manifest.tables.reduce((sum, table) => sum + table.rows, 0),
    uploadsInBackup: manifest.uploads?.count ?? null,
    uploads,
  };
}
