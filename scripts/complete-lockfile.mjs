// Run after `npm install` on this project's build machines: their registry mirror lacks the other
// platforms' optional binaries (e.g. @swc/core-darwin-arm64), so npm leaves them out of
// package-lock.json and `npm ci` then rejects the lock as out of sync. This adds each missing
// optional package as a lock entry with its platform (os/cpu/libc), which npm ci skips here and
// installs from the real registry elsewhere. `node scripts/complete-lockfile.mjs`
import { readFileSync, writeFileSync } from "node:fs";

const LOCK = "package-lock.json";
const lock = JSON.parse(readFileSync(LOCK, "utf8"));
const packages = lock.packages;

const OS = ["darwin", "linux", "win32", "freebsd", "android", "openbsd", "sunos", "aix", "netbsd"];
const CPU = { arm64: "arm64", aarch64: "arm64", x64: "x64", ia32: "ia32", arm: "arm", ppc64: "ppc64", s390x: "s390x", wasm32: "wasm32", riscv64: "riscv64", loong64: "loong64" };

/** os/cpu/libc of a platform package, read from its name (e.g. @swc/core-linux-arm64-musl). */
function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const platform = {};
  const os = parts.find((part) => OS.includes(part));
  if (os) platform.os = [os];
  const cpu = parts.map((part) => CPU[part.replace(/eabihf$|gnueabihf$/, "")]).find(Boolean);
  if (cpu) platform.cpu = [cpu];
  if (parts.includes("musl")) platform.libc = ["musl"];
  else if (parts.includes("gnu") || parts.some((part) => part.startsWith("gnueabi"))) platform.libc = ["glibc"];
  if (parts.includes("wasm32")) platform.cpu = ["wasm32"];
  return platform;
}

/** Where npm would look for `name` when required from the package at `from`. */
function resolvable(from, name) {
  for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf("/node_modules")))) {
    if (packages[`${dir ? `${dir}/` : ""}node_modules/${name}`]) return true;
    if (!dir) return false;
  }
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolvable(path, name)) continue;
    const version = range.replace(/^[\^~=]/, "");
    packages[`node_modules/${name}`] = { version, optional: true, ...platformOf(name) };
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform entries`);
