// UploadThing's own key and URL signing (@uploadthing/shared, what its SDK runs), without network.
// package.json overrides `effect` to one copy, so these `Micro` values run on ours.
import { generateKey, generateSignedURL } from "@uploadthing/shared";
import * as Micro from "effect/Micro";
import * as Redacted from "effect/Redacted";

/** A file key in UploadThing's scheme: the app id's code, then a hash of `seed`. */
export function uploadThingFileKey(appId: string, seed: string[]): string {
  return Micro.runSync(generateKey({ name: "", size: 0, type: "" }, appId, () => seed));
}

/** `url` with `expires`, the `data` fields and `signature` (HMAC-SHA256 by the API key) appended. */
export function signUploadThingUrl(url: string, apiKey: string, ttlInSeconds: number, data: Record<string, string | number>): Promise<string> {
  return Micro.runPromise(generateSignedURL(url, Redacted.make(apiKey), { ttlInSeconds, data }));
}
