// Bundles src/service-worker/ into public/sw.js with this build's precache list. Runs after
// `next build` (`npm run build`, and `npm start` when it builds): it reads `.next/static`.
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { PRECACHE_PREFIX } from "../src/shared/service-worker.ts";
import { precacheEntries, precacheName } from "./service-worker-precache.ts";

export const SERVICE_WORKER_FILE = "public/sw.js";
const OFFLINE_PAGE = "/offline.html";

/** Writes public/sw.js (and its source map) from the current `.next` build. */
export async function buildServiceWorker(): Promise<void> {
  if (!existsSync(".next/static")) throw new Error("No .next/static: run `next build` before building the service worker.");
  const entries = [...precacheEntries(".next/static", "/_next/static"), ...precacheEntries("public", "")];
  if (!entries.some((entry) => entry.url === OFFLINE_PAGE)) throw new Error(`public${OFFLINE_PAGE} is missing`);
  const precache = { cacheName: precacheName(PRECACHE_PREFIX, entries), offlinePage: OFFLINE_PAGE, entries };

  await build({
    entryPoints: ["src/service-worker/index.ts"],
    outfile: SERVICE_WORKER_FILE,
    tsconfig: "src/service-worker/tsconfig.json",
    bundle: true,
    format: "iife",
    target: "es2022",
    minify: true,
    sourcemap: true,
    define: { __BM_PRECACHE__: JSON.stringify(precache) },
    logLevel: "warning",
  });
  console.log(`${SERVICE_WORKER_FILE}: ${entries.length} precached files (${precache.cacheName})`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await buildServiceWorker();
