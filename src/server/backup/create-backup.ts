// `npm run backup` and the scheduled `backup.run` job: one consistent snapshot of the database
// (either engine), then the locally stored files, a manifest, and retention.
import { mkdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { copyTablesOut } from "./builtin-engine";
import { newBackupName, pruneBackups } from "./backup-folders";
import { appliedMigrations, connect, publicSequences, publicTables, quoteIdent, serverVersion, type TableInfo } from "./database";
import { hashFile, newManifest, writeManifest, type BackupFile, type TableCopy } from "./manifest";
import { chooseEngine, dumpWithPgDump } from "./pg-dump-engine";
import type { BackupSettings } from "./settings";
import { copyUploadsOut } from "./uploads";
import type pg from "pg";
import type { StorageDriver } from "~/server/storage/storage-driver";
import { uploadBackup } from "./remote-copy";

export interface BackupResult {
  /** The backup's folder, or with BACKUP_TARGET=s3 its place in the bucket (s3:<name>). */
  folder: string;
  engine: "pg_dump" | "builtin";
  /** Why that engine (e.g. "pg_dump 15 cannot dump PostgreSQL 18 …: using the builtin engine"). */
  engineReason: string;
  rows: number;
  uploads: number;
  bytes: number;
  /** Older backups deleted by retention (BACKUP_KEEP). */
  removed: string[];
}

const DUMP_FILE = "database.dump";

async function appVersion(): Promise<string> {
  const text = await readFile("package.json", "utf8").catch(() => "{}");
  return (JSON.parse(text) as { version?: string }).version ?? "unknown";
}

async function countRows(client: pg.ClientBase, tables: TableInfo[]): Promise<TableCopy[]> {
  const counted: TableCopy[] = [];
  for (const table of tables) {
    const { rows } = await client.query<{ count: string }>(`SELECT count(*) AS count FROM public.${quoteIdent(table.name)}`);
    counted.push({ name: table.name, columns: table.columns, rows: Number(rows[0]!.count), file: null });
  }
  return counted;
}

/** Writes a new backup of `databaseUrl` into settings.directory (then into `bucket` with BACKUP_TARGET=s3), then applies retention. */
export async function createBackup(settings: BackupSettings, databaseUrl: string, bucket: StorageDriver | null = null): Promise<BackupResult> {
  if (settings.target === "s3" && !bucket) throw new Error("BACKUP_TARGET=s3 needs the app's s3 storage");
  const name = newBackupName();
  const partial = path.join(settings.directory, `${name}.partial`);
  await mkdir(partial, { recursive: true, mode: 0o700 });
  try {
    const client = await connect(databaseUrl);
    let snapshot;
    try {
      // Every read below, and pg_dump through the exported snapshot, sees the same committed state.
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      const version = await serverVersion(client);
      const engine = await chooseEngine(settings.engine, settings.pgDumpPath, version);
      const migrations = await appliedMigrations(client);
      const tables = await publicTables(client);
      const sequences = await publicSequences(client);
      let copied: { tables: TableCopy[]; files: BackupFile[] };
      if (engine.name === "builtin") {
        copied = await copyTablesOut(client, partial, tables);
      } else {
        const counted = await countRows(client, tables);
        const { rows } = await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
        await dumpWithPgDump(engine.tools, databaseUrl, rows[0]!.id, path.join(partial, DUMP_FILE));
        copied = { tables: counted, files: [{ path: DUMP_FILE, ...(await hashFile(path.join(partial, DUMP_FILE))) }] };
      }
      await client.query("COMMIT");
      snapshot = { version, engine, migrations, sequences, ...copied };
    } finally {
      await client.end();
    }
    // Files after the snapshot: a file is stored before its row is marked READY, so every finished
    // file a snapshot row names is on disk by now.
    const uploads = settings.uploadsDirectory === null ? null : await copyUploadsOut(settings.uploadsDirectory, partial);
    const files = [...snapshot.files, ...(uploads ?? [])];
    await writeManifest(
      partial,
      newManifest({
        appVersion: await appVersion(),
        engine: snapshot.engine.name,
        serverVersion: snapshot.version,
        migrations: snapshot.migrations,
        tables: snapshot.tables,
        sequences: snapshot.sequences,
        dump: snapshot.engine.name === "pg_dump" ? DUMP_FILE : null,
        uploads: uploads && { count: uploads.length, bytes: uploads.reduce((sum, file) => sum + file.bytes, 0) },
        files,
      }),
    );
    const folder = path.join(settings.directory, name);
    await rename(partial, folder);
    const removed = bucket && settings.target === "s3" ? await uploadBackup(bucket, folder, settings.keep) : await pruneBackups(settings.directory, settings.keep);
    return {
      folder: settings.target === "s3" ? `s3:${name}` : folder,
      engine: snapshot.engine.name,
      engineReason: snapshot.engine.reason,
      rows: snapshot.tables.reduce((sum, table) => sum + table.rows, 0),
      uploads: uploads?.length ?? 0,
      bytes: files.reduce((sum, file) => sum + file.bytes, 0),
      removed,
    };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}
