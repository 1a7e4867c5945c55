// Writing a stream to a file while counting and hashing what lands on disk (the manifest's checksum).
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { BackupFile } from "./manifest";

/** Pipes `source` through `transforms` into `file` (created, private) and returns its size and SHA-256. */
export async function writeHashed(source: Readable, transforms: Transform[], file: string): Promise<Omit<BackupFile, "path">> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const hash = createHash("sha256");
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline([source, ...transforms, tap, createWriteStream(file, { flags: "wx", mode: 0o600 })]);
  return { bytes, sha256: hash.digest("hex") };
}
