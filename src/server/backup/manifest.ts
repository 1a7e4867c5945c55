// manifest.json: what a backup holds, written last (a folder without one is not a backup) and
// checked before anything is restored (every file's size and SHA-256).
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";

export const MANIFEST_FILE = "manifest.json";
const FORMAT = "brainmessenger-backup/1";

export interface BackupFile {
  /** Relative to the backup folder, with forward slashes. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface TableCopy {
  name: string;
  columns: string[];
  rows: number;
  /** The table's COPY file (builtin engine); null with pg_dump, whose archive holds every table. */
  file: string | null;
}

export interface Manifest {
  format: typeof FORMAT;
  createdAt: string;
  appVersion: string;
  engine: "pg_dump" | "builtin";
  /** PostgreSQL's server_version_num of the source (e.g. 150020). */
  serverVersion: number;
  /** Migration folder names recorded as applied, in order; the last one is the schema's version. */
  migrations: string[];
  /** Rows per table in the snapshot (both engines), and each table's COPY file (builtin). */
  tables: TableCopy[];
  sequences: { name: string; value: string | null }[];
  /** The pg_dump archive (pg_dump engine). */
  dump: string | null;
  /** Uploaded files (local storage) under files/, or null when storage is remote. */
  uploads: { count: number; bytes: number } | null;
  files: BackupFile[];
}

export function newManifest(fields: Omit<Manifest, "format" | "createdAt">): Manifest {
  return { format: FORMAT, createdAt: new Date().toISOString(), ...fields };
}

export async function writeManifest(folder: string, manifest: Manifest): Promise<void> {
  await writeFile(path.join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
}

export async function readManifest(folder: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path.join(folder, MANIFEST_FILE), "utf8");
  } catch {
    throw new Error(`${folder} is not a backup: it has no ${MANIFEST_FILE}`);
  }
  const manifest = JSON.parse(text) as Manifest;
  if (manifest.format !== FORMAT) throw new Error(`${folder}: unknown backup format "${String(manifest.format)}"`);
  return manifest;
}

/** Fails unless every file the manifest lists is there with its size and SHA-256. */
export async function verifyFiles(folder: string, manifest: Manifest): Promise<void> {
  for (const file of manifest.files) {
    const { bytes, sha256 } = await hashFile(path.join(folder, file.path)).catch(() => ({ bytes: -1, sha256: "" }));
    if (bytes !== file.bytes || sha256 !== file.sha256) throw new Error(`The backup is damaged: ${file.path} is missing or differs from its checksum`);
  }
}

export async function hashFile(file: string): Promise<Omit<BackupFile, "path">> {
  const hash = createHash("sha256");
  let bytes = 0;
  await pipeline(createReadStream(file), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      hash.update(chunk);
      bytes += chunk.length;
    }
  });
  return { bytes, sha256: hash.digest("hex") };
}
