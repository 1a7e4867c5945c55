// Object keys are chosen by the app, never by a user: `<prefix>/<random>`, safe as an S3 key and
// as a relative path under the local directory (no `..`, no absolute paths, no odd characters).
import { randomBytes } from "node:crypto";
import { AppError } from "~/shared/errors";

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function newStorageKey(prefix = "files"): string {
  return `${assertStorageKey(prefix)}/${randomBytes(18).toString("base64url").replace(/^[-_]/, "k")}`;
}

/** Returns the key unchanged, or throws BAD_REQUEST for anything that is not `seg/seg/...`. */
export function assertStorageKey(key: string): string {
  const segments = key.split("/");
  const valid = key.length <= 512 && segments.length <= 8 && segments.every((segment) => SEGMENT.test(segment) && !segment.includes(".."));
  if (!valid) throw new AppError("BAD_REQUEST", `Invalid storage key: ${JSON.stringify(key.slice(0, 80))}`);
  return key;
}
