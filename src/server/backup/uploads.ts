// Uploaded files of the local storage driver: its finished objects (objects/…, already encrypted
// at rest by the driver) are copied as they are into the backup's files/ folder. Unfinished
// resumable uploads (multipart/, tmp/) are not: a browser restarts them. The key that decrypts the
// files (STORAGE_ENCRYPTION_KEY, or AUTH_SECRET when unset) is never written into a backup.
import { createReadStream } from "node:fs";
import { copyFile, constants, mkdir, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { writeHashed } from "./hashed-write";
import type { BackupFile, Manifest } from "./manifest";

const OBJECTS = "objects";
const FILES = "files";

async function listFiles(root: string, relative = ""): Promise<string[]> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const child = path.posix.join(relative, entry.name);
    if (entry.isDirectory()) found.push(...(await listFiles(root, child)));
    else if (entry.isFile()) found.push(child);
  }
  return found;
}

/** Copies the stored objects into `folder`/files/objects/ and returns them with their checksums. */
export async function copyUploadsOut(uploadsDirectory: string, folder: string): Promise<BackupFile[]> {
  const objects = path.join(uploadsDirectory, OBJECTS);
  const files: BackupFile[] = [];
  for (const relative of await listFiles(objects)) {
    const file = path.posix.join(FILES, OBJECTS, relative);
    // A file deleted since the listing (its row was deleted after the snapshot) is simply skipped.
    const written = await writeHashed(createReadStream(path.join(objects, relative)), [], path.join(folder, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return null;
      throw error;
    });
    if (written) files.push({ path: file, ...written });
  }
  return files;
}

function uploadTargets(manifest: Manifest, uploadsDirectory: string) {
  return manifest.files.filter((entry) => entry.path.startsWith(`${FILES}/`)).map((file) => ({ file, target: path.join(uploadsDirectory, file.path.slice(FILES.length + 1)) }));
}

function alreadyThere(target: string): Error {
  return new Error(`${target} already exists: restore files only into an empty storage folder (STORAGE_LOCAL_DIR)`);
}

/** Checked before the database is touched, so a restore does not stop half done. */
export async function assertUploadsAbsent(manifest: Manifest, uploadsDirectory: string): Promise<void> {
  for (const { target } of uploadTargets(manifest, uploadsDirectory)) {
    if (await stat(target).then(() => true, () => false)) throw alreadyThere(target);
  }
}

/** Copies the backup's files into the storage folder; never overwrites a file that is there. */
export async function restoreUploads(folder: string, manifest: Manifest, uploadsDirectory: string): Promise<number> {
  let restored = 0;
  for (const { file, target } of uploadTargets(manifest, uploadsDirectory)) {
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    await copyFile(path.join(folder, file.path), target, constants.COPYFILE_EXCL).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "EEXIST") throw alreadyThere(target);
      throw error;
    });
    restored++;
  }
  return restored;
}
