// One folder per backup under BACKUP_DIR, named by its UTC time so names sort by age. A backup is
// written into "<name>.partial" and renamed when complete: a crash never leaves a folder that
// looks like a backup, and retention never counts one.
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { MANIFEST_FILE } from "./manifest";

const PREFIX = "brainmessenger-";
const NAME = /^brainmessenger-\d{8}T\d{9}Z$/;

/** brainmessenger-20261202T163041123Z for 2026-12-02 16:30:41.123 UTC. */
export function newBackupName(now = new Date()): string {
  return PREFIX + now.toISOString().replace(/[-:.]/g, "");
}

/** Complete backups in `directory`, oldest first. */
export async function listBackups(directory: string): Promise<string[]> {
  const names = await readdir(directory).catch(() => []);
  const complete: string[] = [];
  for (const name of names.filter((entry) => NAME.test(entry)).sort()) {
    if (await stat(path.join(directory, name, MANIFEST_FILE)).then(() => true, () => false)) complete.push(name);
  }
  return complete;
}

/** Deletes all but the newest `keep` backups; returns the deleted names. */
export async function pruneBackups(directory: string, keep: number): Promise<string[]> {
  const backups = await listBackups(directory);
  const old = backups.slice(0, Math.max(0, backups.length - keep));
  for (const name of old) await rm(path.join(directory, name), { recursive: true, force: true });
  return old;
}
