// BACKUP_TARGET=s3: a finished backup folder is copied into the app's S3 bucket under
// backups/<name>/… (its manifest last, so a half copy has none), through the storage driver, and
// the local copy is removed. backups/index.json lists the copies for retention, since the driver
// has no listing; `npm run restore -- s3:<name>` downloads one into a local folder first.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { pipeline } from "node:stream/promises";
import type { StorageDriver } from "~/server/storage/storage-driver";
import { MANIFEST_FILE, readManifest, type Manifest } from "./manifest";

const ROOT = "backups";
const INDEX = `${ROOT}/index.json`;
const BINARY = { contentType: "application/octet-stream" };

async function readJson<T>(storage: StorageDriver, key: string): Promise<T | null> {
  if (!(await storage.stat(key))) return null;
  return JSON.parse(await text(await storage.read(key))) as T;
}

async function writeJson(storage: StorageDriver, key: string, value: unknown): Promise<void> {
  await storage.write(key, Readable.from([Buffer.from(JSON.stringify(value, null, 2))]), { contentType: "application/json" });
}

/** Uploads the backup in `folder`, deletes the local copy, and keeps the newest `keep` in the bucket. Returns the names deleted there. */
export async function uploadBackup(storage: StorageDriver, folder: string, keep: number): Promise<string[]> {
  const name = path.basename(folder);
  const manifest = await readManifest(folder);
  for (const file of [...manifest.files.map((entry) => entry.path), MANIFEST_FILE]) {
    await storage.write(`${ROOT}/${name}/${file}`, createReadStream(path.join(folder, file)), BINARY);
  }
  await rm(folder, { recursive: true, force: true });
  const names = [...((await readJson<string[]>(storage, INDEX)) ?? []).filter((entry) => entry !== name), name].sort();
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const oldName of old) {
    const oldManifest = await readJson<Manifest>(storage, `${ROOT}/${oldName}/${MANIFEST_FILE}`);
    for (const file of oldManifest?.files ?? []) await storage.delete(`${ROOT}/${oldName}/${file.path}`);
    await storage.delete(`${ROOT}/${oldName}/${MANIFEST_FILE}`);
  }
  await writeJson(storage, INDEX, names.slice(old.length));
  return old;
}

/** The backups in the bucket, oldest first. */
export async function listRemoteBackups(storage: StorageDriver): Promise<string[]> {
  return (await readJson<string[]>(storage, INDEX)) ?? [];
}

/** Downloads backup `name` from the bucket into `directory`/<name> and returns that folder. */
export async function downloadBackup(storage: StorageDriver, name: string, directory: string): Promise<string> {
  const manifest = await readJson<Manifest>(storage, `${ROOT}/${name}/${MANIFEST_FILE}`);
  if (!manifest) throw new Error(`No backup "${name}" in the bucket (the bucket has: ${(await listRemoteBackups(storage)).join(", ") || "none"})`);
  const folder = path.join(directory, name);
  await rm(folder, { recursive: true, force: true });
  for (const file of [...manifest.files.map((entry) => entry.path), MANIFEST_FILE]) {
    const target = path.join(folder, file);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    await pipeline(await storage.read(`${ROOT}/${name}/${file}`), createWriteStream(target, { flags: "wx", mode: 0o600 }));
  }
  return folder;
}
