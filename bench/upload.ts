// Scenario 7, uploads through the real path (bench/upload-server.ts serves the app's routes):
// attachment.createUpload → PUT the bytes to the local driver's upload route → attachment.complete
// (type from the bytes, pixel size from the header) → message.send with the attachment →
// the image job (thumbnail, metadata stripped) → the other member GETs /api/attachments/<id>/thumbnail
// (polling until the job made it) and follows the redirect to the bytes.
// a) N distinct ~1 MB noise images (PNG and JPEG) from `concurrency` uploaders: throughput and
//    per-file latency, end to end and per stage.
// b) One big file from disk in multipart parts, with the server's RSS sampled from /proc meanwhile.
import { randomBytes, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { request } from "node:http";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import sharp from "sharp";
import { round, summarize, type Summary } from "./lib/stats";

export interface Uploader {
  chatId: string;
  /** Access tokens (the `bm_at` cookie) of the sender and of the other member. */
  senderToken: string;
  peerToken: string;
}

export interface UploadParams {
  images: number;
  concurrency: number;
  bigBytes: number;
  partConcurrency: number;
}

export interface UploadPhase {
  params: UploadParams & { imageBytes: number };
  images: { files: number; seconds: number; mbPerSecond: number; filesPerSecond: number; perFile: Summary; stages: Record<string, Summary> };
  big: { bytes: number; parts: number; seconds: number; mbPerSecond: number; rssBeforeMb: number; rssPeakMb: number; rssAfterMb: number };
}

const MB = 1024 * 1024;
const ACCESS_COOKIE = "bm_at";

/** Random RGB noise (it does not compress), as PNG (even) or JPEG (odd), about 1 MB each. */
async function noiseImage(index: number): Promise<{ bytes: Buffer; type: string; name: string }> {
  const png = index % 2 === 0;
  const [width, height] = png ? [576, 578] : [1100, 1090];
  const image = sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } });
  const bytes = png ? await image.png({ compressionLevel: 1 }).toBuffer() : await image.jpeg({ quality: 90 }).toBuffer();
  return { bytes, type: png ? "image/png" : "image/jpeg", name: `noise-${index}.${png ? "png" : "jpg"}` };
}

interface PutResult {
  status: number;
  etag: string | undefined;
  text: string;
}

/** PUT with an exact Content-Length (fetch would send a stream chunked). */
function put(url: string, headers: Record<string, string>, body: Buffer | Readable, length: number): Promise<PutResult> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "PUT", headers: { ...headers, "content-length": String(length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, etag: res.headers.etag, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (Buffer.isBuffer(body)) req.end(body);
    else body.on("error", reject).pipe(req);
  });
}

function client(serverUrl: string) {
  async function call<T>(token: string, path: string, input: unknown): Promise<T> {
    const res = await fetch(`${serverUrl}/api/trpc/${path}`, {
      method: "POST",
      headers: { cookie: `${ACCESS_COOKIE}=${token}`, origin: serverUrl, "content-type": "application/json" },
      body: JSON.stringify({ json: input }),
    });
    const body = (await res.json()) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
    if (!res.ok || !body.result) throw new Error(`${path}: ${res.status} ${body.error?.json.message ?? JSON.stringify(body)}`);
    return body.result.data.json;
  }
  async function putTo(target: { url: string; headers: Record<string, string> }, body: Buffer | Readable, length: number) {
    const result = await put(new URL(target.url, serverUrl).toString(), target.headers, body, length);
    if (result.status !== 200) throw new Error(`PUT ${target.url.slice(0, 40)}…: ${result.status} ${result.text.slice(0, 200)}`);
    return result;
  }
  /** The stable attachment URL as the other member's browser loads it: redirect, then the bytes. */
  async function fetchVariant(token: string, attachmentId: string, variant: string): Promise<number> {
    const attempt = () => fetch(`${serverUrl}/api/attachments/${attachmentId}/${variant}`, { headers: { cookie: `${ACCESS_COOKIE}=${token}` }, redirect: "manual" });
    // An image is processed by a background job after complete: until then its thumbnail is a 404
    // (the original a 409), as a browser sees it; poll for at most a minute.
    let redirect = await attempt();
    for (const deadline = Date.now() + 60_000; (redirect.status === 404 || redirect.status === 409) && Date.now() < deadline; redirect = await attempt()) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const location = redirect.headers.get("location");
    if (redirect.status !== 302 || !location) throw new Error(`${variant} of ${attachmentId}: ${redirect.status}, no redirect`);
    const res = await fetch(new URL(location, serverUrl));
    const bytes = await res.arrayBuffer();
    if (!res.ok || !res.headers.get("content-type")?.startsWith("image/")) throw new Error(`${variant} of ${attachmentId}: ${res.status} ${res.headers.get("content-type")}`);
    return bytes.byteLength;
  }
  return { call, putTo, fetchVariant };
}

interface Slot {
  attachment: { id: string };
  upload: { kind: "single"; target: { url: string; headers: Record<string, string> } } | { kind: "multipart"; partSize: number; partCount: number } | null;
}

/** VmRSS of a process in MB, from /proc (no cooperation from the process needed). */
async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024, 1);
}

export async function runUploadScenario(opts: {
  serverUrl: string;
  serverPid: number;
  uploaders: Uploader[];
  params: UploadParams;
  tmpFile: string;
  log: (line: string) => void;
}): Promise<UploadPhase> {
  const { serverUrl, serverPid, uploaders, params, log } = opts;
  const api = client(serverUrl);

  // a) images
  const t0 = performance.now();
  const images = await Promise.all(Array.from({ length: params.images }, (_, i) => noiseImage(i)));
  const imageBytes = images.reduce((sum, image) => sum + image.bytes.length, 0);
  log(`7. uploads: ${images.length} noise images, ${round(imageBytes / MB, 1)} MB in all, generated in ${round((performance.now() - t0) / 1000, 1)} s`);

  const stageNames = ["slot", "put", "complete", "send", "thumbnail"] as const;
  const stages: Record<string, number[]> = Object.fromEntries(stageNames.map((name) => [name, []]));
  const perFile: number[] = [];
  let next = 0;
  async function worker(uploader: Uploader) {
    for (let index = next++; index < images.length; index = next++) {
      const image = images[index]!;
      const times: number[] = [performance.now()];
      const mark = () => times.push(performance.now());
      const slot = await api.call<Slot>(uploader.senderToken, "attachment.createUpload", {
        chatId: uploader.chatId, clientId: randomUUID(), fileName: image.name, size: image.bytes.length, contentType: image.type,
      });
      mark();
      if (slot.upload?.kind !== "single") throw new Error(`a 1 MB image got a ${slot.upload?.kind ?? "null"} upload`);
      await api.putTo(slot.upload.target, image.bytes, image.bytes.length);
      mark();
      const done = await api.call<{ id: string; thumbnailUrl?: string | null }>(uploader.senderToken, "attachment.complete", { attachmentId: slot.attachment.id });
      mark();
      await api.call(uploader.senderToken, "message.send", { chatId: uploader.chatId, clientId: randomUUID(), content: "", attachmentIds: [done.id] });
      mark();
      await api.fetchVariant(uploader.peerToken, done.id, "thumbnail");
      mark();
      stageNames.forEach((name, i) => stages[name]!.push(times[i + 1]! - times[i]!));
      perFile.push(times.at(-1)! - times[0]!);
    }
  }
  const imagesStart = performance.now();
  await Promise.all(Array.from({ length: params.concurrency }, (_, i) => worker(uploaders[i % uploaders.length]!)));
  const imageSeconds = (performance.now() - imagesStart) / 1000;
  const imagesOut = {
    files: perFile.length,
    seconds: round(imageSeconds),
    mbPerSecond: round(imageBytes / MB / imageSeconds),
    filesPerSecond: round(perFile.length / imageSeconds),
    perFile: summarize(perFile),
    stages: Object.fromEntries(Object.entries(stages).map(([name, values]) => [name, summarize(values)])),
  };
  log(`7a. ${imagesOut.files} images: ${imagesOut.mbPerSecond} MB/s, ${imagesOut.filesPerSecond} files/s, per file p50 ${imagesOut.perFile.p50} p95 ${imagesOut.perFile.p95} p99 ${imagesOut.perFile.p99} ms`);

  // b) one big file, streamed from disk (the bench never holds it in memory either)
  const big = await uploadBigFile(api, uploaders[0]!, params, opts.tmpFile, serverPid, log);
  return { params: { ...params, imageBytes }, images: imagesOut, big };
}

async function writeRandomFile(path: string, bytes: number): Promise<void> {
  const block = randomBytes(MB);
  let left = bytes;
  await pipeline(
    Readable.from((function* () {
      while (left > 0) {
        const size = Math.min(left, block.length);
        left -= size;
        yield size === block.length ? block : block.subarray(0, size);
      }
    })()),
    createWriteStream(path),
  );
}

async function uploadBigFile(api: ReturnType<typeof client>, uploader: Uploader, params: UploadParams, file: string, pid: number, log: (line: string) => void) {
  await writeRandomFile(file, params.bigBytes);
  try {
    const rssBeforeMb = await rssMb(pid);
    let rssPeakMb = rssBeforeMb;
    const sampler = setInterval(() => void rssMb(pid).then((mb) => (rssPeakMb = Math.max(rssPeakMb, mb)), () => {}), 50);
    const t0 = performance.now();
    try {
      const slot = await api.call<Slot>(uploader.senderToken, "attachment.createUpload", {
        chatId: uploader.chatId, clientId: randomUUID(), fileName: "big.bin", size: params.bigBytes, contentType: "application/octet-stream",
      });
      if (slot.upload?.kind !== "multipart") throw new Error(`the big file got a ${slot.upload?.kind ?? "null"} upload, expected multipart`);
      const { partSize, partCount } = slot.upload;
      const parts: Array<{ partNumber: number; etag: string }> = [];
      let nextPart = 1;
      const partWorker = async () => {
        for (let partNumber = nextPart++; partNumber <= partCount; partNumber = nextPart++) {
          const { target } = await api.call<{ target: { url: string; headers: Record<string, string> } }>(uploader.senderToken, "attachment.uploadPart", { attachmentId: slot.attachment.id, partNumber });
          const start = (partNumber - 1) * partSize;
          const end = Math.min(params.bigBytes, start + partSize);
          const result = await api.putTo(target, createReadStream(file, { start, end: end - 1 }), end - start);
          if (!result.etag) throw new Error(`part ${partNumber}: no ETag`);
          parts.push({ partNumber, etag: result.etag });
        }
      };
      await Promise.all(Array.from({ length: params.partConcurrency }, partWorker));
      const done = await api.call<{ id: string }>(uploader.senderToken, "attachment.complete", { attachmentId: slot.attachment.id, parts });
      await api.call(uploader.senderToken, "message.send", { chatId: uploader.chatId, clientId: randomUUID(), content: "", attachmentIds: [done.id] });
      const seconds = (performance.now() - t0) / 1000;
      rssPeakMb = Math.max(rssPeakMb, await rssMb(pid));
      const out = { bytes: params.bigBytes, parts: partCount, seconds: round(seconds), mbPerSecond: round(params.bigBytes / MB / seconds), rssBeforeMb, rssPeakMb, rssAfterMb: await rssMb(pid) };
      log(`7b. ${round(out.bytes / MB)} MB in ${out.parts} parts: ${out.seconds} s (${out.mbPerSecond} MB/s), server RSS ${out.rssBeforeMb} MB before, peak ${out.rssPeakMb} MB`);
      return out;
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await rm(file, { force: true });
  }
}
