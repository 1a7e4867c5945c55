// Encryption at rest for the local driver: AES-256-GCM, streaming, one random key per file.
// File layout: "BMS1" | wrap IV (12) | file key wrapped with the key-encryption key (32) | wrap tag (16)
// | segments. Each segment is up to 64 KiB of plaintext encrypted under the file key with its own tag,
// nonce = segment counter + a "last segment" flag, so every segment is checked before any of its
// bytes are released, and truncating, reordering or swapping segments fails too. The wrap is bound
// to a context (the object's path) so a file copied under another key does not decrypt.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";

const MAGIC = Buffer.from("BMS1");
const IV_BYTES = 12;
const KEY_BYTES = 32;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + IV_BYTES + KEY_BYTES + TAG_BYTES;
const SEGMENT_BYTES = 64 * 1024;
const SEALED_SEGMENT_BYTES = SEGMENT_BYTES + TAG_BYTES;

/** The stored file's bytes do not authenticate: tampered, truncated, or another key. */
export class StorageIntegrityError extends Error {
  constructor(message = "Stored file failed its integrity check (tampered, truncated or wrong key)") {
    super(message);
    this.name = "StorageIntegrityError";
  }
}

/** A 32-byte key for one purpose, derived from a configured secret (HKDF-SHA256). */
export function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "brainmessenger-storage", purpose, KEY_BYTES));
}

function wrapAad(context: string): Buffer {
  return Buffer.from(`bm-storage-v1\0${context}`);
}

function segmentNonce(index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(IV_BYTES);
  nonce.writeBigUInt64BE(BigInt(index), 3);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

/** Plaintext size of an encrypted file of `fileBytes` bytes. */
export function plaintextSize(fileBytes: number): number {
  const body = fileBytes - HEADER_BYTES;
  if (body < TAG_BYTES) throw new StorageIntegrityError("Stored file is truncated");
  return body - TAG_BYTES * Math.ceil(body / SEALED_SEGMENT_BYTES);
}

export function createEncryptStream(kek: Buffer, context: string): Transform {
  const fileKey = randomBytes(KEY_BYTES);
  const wrapIv = randomBytes(IV_BYTES);
  const wrap = createCipheriv("aes-256-gcm", kek, wrapIv).setAAD(wrapAad(context));
  const wrapped = Buffer.concat([wrap.update(fileKey), wrap.final()]);
  const header = Buffer.concat([MAGIC, wrapIv, wrapped, wrap.getAuthTag()]);
  let pending: Buffer = Buffer.alloc(0);
  let index = 0;

  const seal = (plain: Buffer, last: boolean): Buffer => {
    const cipher = createCipheriv("aes-256-gcm", fileKey, segmentNonce(index++, last));
    return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  };

  return new Transform({
    construct(callback) {
      this.push(header);
      callback();
    },
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      // Hold back a full segment until more bytes arrive: only at the end is it known to be the last.
      let offset = 0;
      while (pending.length - offset > SEGMENT_BYTES) {
        this.push(seal(pending.subarray(offset, offset + SEGMENT_BYTES), false));
        offset += SEGMENT_BYTES;
      }
      pending = Buffer.from(pending.subarray(offset));
      callback();
    },
    flush(callback) {
      this.push(seal(pending, true));
      fileKey.fill(0);
      callback();
    },
  });
}

export function createDecryptStream(kek: Buffer, context: string): Transform {
  let pending: Buffer = Buffer.alloc(0);
  let fileKey: Buffer | null = null;
  let index = 0;

  const open = (sealed: Buffer, last: boolean): Buffer => {
    const decipher = createDecipheriv("aes-256-gcm", fileKey!, segmentNonce(index++, last));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new StorageIntegrityError();
    }
  };

  const unwrap = (header: Buffer): Buffer => {
    if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw new StorageIntegrityError("Stored file has no encryption header");
    let offset = MAGIC.length;
    const iv = header.subarray(offset, (offset += IV_BYTES));
    const wrapped = header.subarray(offset, (offset += KEY_BYTES));
    const tag = header.subarray(offset, offset + TAG_BYTES);
    const decipher = createDecipheriv("aes-256-gcm", kek, iv).setAAD(wrapAad(context));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(wrapped), decipher.final()]);
    } catch {
      throw new StorageIntegrityError("Stored file's key does not unwrap (wrong STORAGE_ENCRYPTION_KEY/AUTH_SECRET, or moved)");
    }
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
        let offset = 0;
        if (!fileKey) {
          if (pending.length < HEADER_BYTES) return callback();
          fileKey = unwrap(pending.subarray(0, HEADER_BYTES));
          offset = HEADER_BYTES;
        }
        while (pending.length - offset > SEALED_SEGMENT_BYTES) {
          this.push(open(pending.subarray(offset, offset + SEALED_SEGMENT_BYTES), false));
          offset += SEALED_SEGMENT_BYTES;
        }
        pending = Buffer.from(pending.subarray(offset));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        if (!fileKey || pending.length < TAG_BYTES) throw new StorageIntegrityError("Stored file is truncated");
        this.push(open(pending, true));
        fileKey.fill(0);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}
