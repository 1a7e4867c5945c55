// The portable engine (used where no pg_dump of the server's major version exists, e.g. the
// embedded PostgreSQL 18 of `npm start`, which ships without dump tools): every application table
// copied out in PostgreSQL's text COPY format (portable across server versions, unlike the binary
// one), gzip-compressed, inside the caller's REPEATABLE READ snapshot. Restoring replays the
// committed migrations up to the backup's last one, then copies the rows back in one transaction.
import { createReadStream } from "node:fs";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { applyMigrationFiles, quoteIdent, type TableInfo } from "./database";
import { writeHashed } from "./hashed-write";
import type { BackupFile, Manifest, TableCopy } from "./manifest";

const NEWLINE = 0x0a;

function copySql(table: { name: string; columns: string[] }, direction: "TO STDOUT" | "FROM STDIN"): string {
  return `COPY public.${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(", ")}) ${direction}`;
}

/** Copies every table out of `client`'s open snapshot into `folder`/database/<table>.copy.gz. */
export async function copyTablesOut(client: pg.ClientBase, folder: string, tables: TableInfo[]): Promise<{ tables: TableCopy[]; files: BackupFile[] }> {
  const copies: TableCopy[] = [];
  const files: BackupFile[] = [];
  for (const table of tables) {
    // "table-" first: storage keys (BACKUP_TARGET=s3) may not start a segment with "_".
    const file = `database/table-${table.name}.copy.gz`;
    // The text format ends every row with a newline and escapes newlines inside values as \n.
    let rows = 0;
    const countRows = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) rows++;
        done(null, chunk);
      },
    });
    const written = await writeHashed(client.query(copyTo(copySql(table, "TO STDOUT"))), [countRows, createGzip()], path.join(folder, file));
    copies.push({ name: table.name, columns: table.columns, rows, file });
    files.push({ path: file, ...written });
  }
  return { tables: copies, files };
}

/** Rebuilds the schema and copies the rows in, all in one transaction (a failure leaves the database empty). */
export async function restoreTablesIn(client: pg.ClientBase, folder: string, manifest: Manifest, migrationsDirectory: string): Promise<void> {
  const { rows } = await client.query<{ rolsuper: boolean }>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
  if (!rows[0]?.rolsuper) {
    throw new Error("Restoring a builtin backup needs a PostgreSQL superuser (it loads tables in any order with session_replication_role = replica); connect as one, or restore a pg_dump backup");
  }
  await client.query("BEGIN");
  try {
    await applyMigrationFiles(client, migrationsDirectory, manifest.migrations);
    // Foreign keys and triggers are not checked while loading: the rows were consistent in the snapshot.
    await client.query("SET LOCAL session_replication_role = replica");
    for (const table of manifest.tables) {
      if (!table.file) throw new Error(`The backup lists no data file for table ${table.name}`);
      const sink = client.query(copyFrom(copySql(table, "FROM STDIN")));
      await pipeline(createReadStream(path.join(folder, table.file)), createGunzip(), sink);
      if (sink.rowCount !== table.rows) throw new Error(`Table ${table.name}: restored ${sink.rowCount} rows, the backup has ${table.rows}`);
    }
    for (const sequence of manifest.sequences) {
      if (sequence.value !== null) await client.query("SELECT setval($1::regclass, $2::bigint)", [`public.${quoteIdent(sequence.name)}`, sequence.value]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
