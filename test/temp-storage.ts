// Points the app's storage (local driver) at a fresh temp directory. src/env.ts reads the
// environment once, at its first import: call this from `vi.hoisted`, before any import reaches it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function tempStorageDir(): string {
  const directory = mkdtempSync(join(tmpdir(), "bm-jobs-storage-"));
  process.env.STORAGE_DRIVER = "local";
  process.env.STORAGE_LOCAL_DIR = directory;
  return directory;
}
