// One encrypted push to one endpoint: web-push builds the request (RFC 8291 aes128gcm payload, RFC 8292
// VAPID Authorization), and we send it ourselves so the connection can be checked: the resolved
// address must not be internal (see endpoint-policy.ts), and http is possible on loopback in tests.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import webpush from "web-push";
import { assertPushEndpoint, isInternalAddress } from "./endpoint-policy";
import type { VapidKeys } from "./vapid";

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushOptions {
  /** Seconds the push service keeps it for an offline device. */
  ttl: number;
  urgency: "very-low" | "low" | "normal" | "high";
  /** Replaces an undelivered push with the same topic (≤ 32 base64url characters). */
  topic?: string;
}

const TIMEOUT_MS = 10_000;

function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 4);
      const refused = allowPrivate ? undefined : addresses.find((entry) => isInternalAddress(entry.address));
      if (refused) return callback(new Error(`push endpoint resolves to an internal address (${refused.address})`), "", 4);
      if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** Sends one push; resolves with the push service's status code (201 accepted, 404/410 gone, …). */
export async function sendPush(target: PushTarget, payload: string, options: PushOptions, vapid: VapidKeys, allowPrivate: boolean): Promise<number> {
  const url = assertPushEndpoint(target.endpoint, allowPrivate);
  const details = webpush.generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, payload, {
    TTL: options.ttl,
    urgency: options.urgency,
    topic: options.topic,
    contentEncoding: "aes128gcm",
    vapidDetails: vapid,
  });
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      { method: "POST", headers: details.headers, lookup: guardedLookup(allowPrivate), timeout: TIMEOUT_MS },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error("push service timed out")));
    request.on("error", reject);
    request.end(details.body ?? undefined);
  });
}
