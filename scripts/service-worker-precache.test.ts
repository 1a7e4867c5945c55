import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { precacheEntries, precacheName } from "./service-worker-precache";

const dirs: string[] = [];
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "bm-precache-"));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("precacheEntries", () => {
  it("lists every file under the folder at its URL, sorted, with a content hash", () => {
    const dir = tree({ "chunks/b.js": "b", "chunks/a.js": "a", "css/app.css": "body{}", "BUILD/_buildManifest.js": "m" });
    const entries = precacheEntries(dir, "/_next/static");
    expect(entries.map((entry) => entry.url)).toEqual(["/_next/static/BUILD/_buildManifest.js", "/_next/static/chunks/a.js", "/_next/static/chunks/b.js", "/_next/static/css/app.css"]);
    for (const entry of entries) expect(entry.revision).toMatch(/^[0-9a-f]{16}$/);
    expect(entries[1]!.revision).not.toBe(entries[2]!.revision);
  });

  it("leaves out the service worker itself and its source map", () => {
    const dir = tree({ "sw.js": "x", "sw.js.map": "{}", "offline.html": "<p>", "icons/icon-192.png": "png" });
    expect(precacheEntries(dir, "").map((entry) => entry.url)).toEqual(["/icons/icon-192.png", "/offline.html"]);
  });
});

describe("precacheName", () => {
  it("changes with any file's content and stays the same for the same build", () => {
    const one = precacheEntries(tree({ "a.js": "1", "b.js": "2" }), "");
    const same = precacheEntries(tree({ "a.js": "1", "b.js": "2" }), "");
    const changed = precacheEntries(tree({ "a.js": "1", "b.js": "3" }), "");
    expect(precacheName("bm-precache-", one)).toMatch(/^bm-precache-[0-9a-f]{12}$/);
    expect(precacheName("bm-precache-", same)).toBe(precacheName("bm-precache-", one));
    expect(precacheName("bm-precache-", changed)).not.toBe(precacheName("bm-precache-", one));
  });
});
