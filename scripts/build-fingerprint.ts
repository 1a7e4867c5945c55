// A fingerprint of everything `next build` reads, so `npm start` rebuilds only when it changed.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

// public/sw.js is an output of the build (scripts/build-service-worker.ts), not an input.
const OUTPUTS = new Set(["public/sw.js", "public/sw.js.map"]);
const INPUTS = ["src", "messages", "public", "next.config.mjs", "tailwind.config.ts", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];

function walk(entry: string, out: string[]) {
  let stat;
  try {
    stat = statSync(entry);
  } catch {
    return;
  }
  if (stat.isDirectory()) {
    for (const name of readdirSync(entry).sort()) walk(path.join(entry, name), out);
  } else if (!OUTPUTS.has(entry.split(path.sep).join("/"))) {
    out.push(entry);
  }
}

export function buildFingerprint(): string {
  const files: string[] = [];
  for (const input of INPUTS) walk(input, files);
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}
