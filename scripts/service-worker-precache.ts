// The service worker's precache list, read from the build output: every file of `.next/static`
// (served at /_next/static/) and of public/ (icons, the offline page), each with a content hash
// as its revision, and a cache name that changes whenever any of them does.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface PrecacheEntry {
  url: string;
  revision: string;
}

/** Files of public/ that are not part of the shell: the worker itself and its source map. */
const NOT_PRECACHED = /^\/sw\.js(?:\.map)?$/;

/** Paths relative to `dir`, with "/" (Dirent.parentPath needs Node 20.12; engines allow 20.9). */
function filesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return filesUnder(dir, relative);
      return entry.isFile() ? [relative] : [];
    })
    .sort();
}

function revision(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 16);
}

/** The entries for the files under `dir`, served under `urlPrefix` ("/_next/static" or ""). */
export function precacheEntries(dir: string, urlPrefix: string): PrecacheEntry[] {
  return filesUnder(dir)
    .map((file) => ({ url: `${urlPrefix}/${file}`, revision: revision(path.join(dir, file)) }))
    .filter((entry) => !NOT_PRECACHED.test(entry.url));
}

/** `bm-precache-<hash>`: a new name for any change, so an update never mixes two builds' files. */
export function precacheName(prefix: string, entries: readonly PrecacheEntry[]): string {
  const hash = createHash("sha256");
  for (const entry of entries) hash.update(entry.url).update("\0").update(entry.revision).update("\0");
  return `${prefix}${hash.digest("hex").slice(0, 12)}`;
}
