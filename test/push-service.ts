// A Web Push service on loopback for integration tests: it accepts pushes like FCM or Mozilla's
// autopush would (answering 201, or what a test asks for), records them, and can decrypt them as the
// browser would (RFC 8291, aes128gcm), with device keys the test made itself. It also checks the
// VAPID Authorization header (RFC 8292: ES256 JWT for the endpoint's origin, signed by the key `k`).
import { createECDH, createPublicKey, hkdfSync, randomBytes, createDecipheriv, verify } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

interface ReceivedPush {
  /** The device (subscription path) it was sent to. */
  device: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A browser's push subscription: its ECDH key pair and auth secret, and its endpoint on the service. */
export interface TestDevice {
  name: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  ecdh: ReturnType<typeof createECDH>;
  authSecret: Buffer;
}

export interface TestPushService {
  url: string;
  received: ReceivedPush[];
  /** The status the service answers for a device (default 201). */
  answer: Map<string, number>;
  device(name: string): TestDevice;
  close(): Promise<void>;
}

export async function startPushService(): Promise<TestPushService> {
  const received: ReceivedPush[] = [];
  const answer = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const device = (req.url ?? "").replace(/^\/push\//, "");
      const status = answer.get(device) ?? 201;
      if (status === 201) received.push({ device, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    answer,
    device(name) {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const authSecret = randomBytes(16);
      return { name, endpoint: `${url}/push/${name}`, keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: authSecret.toString("base64url") }, ecdh, authSecret };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Decrypts an aes128gcm push body (RFC 8188 record with the RFC 8291 key derivation) as `device`. */
export function decryptPush(device: TestDevice, body: Buffer): unknown {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const serverPublicKey = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  const ecdhSecret = device.ecdh.computeSecret(serverPublicKey);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), device.ecdh.getPublicKey(), serverPublicKey]);
  const ikm = Buffer.from(hkdfSync("sha256", ecdhSecret, device.authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("push body: no last-record delimiter");
  return JSON.parse(padded.subarray(0, end).toString("utf8"));
}

/** Checks the VAPID header: `vapid t=<ES256 JWT>, k=<public key>`, the JWT for `audience`, unexpired, signed by k. Returns k. */
export function verifyVapid(authorization: string | undefined, audience: string): string {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(authorization ?? "");
  if (!match) throw new Error(`not a VAPID Authorization header: ${authorization}`);
  const [header, claims, signature] = match[1]!.split(".") as [string, string, string];
  const publicKey = Buffer.from(match[2]!, "base64url");
  const key = createPublicKey({ key: { kty: "EC", crv: "P-256", x: publicKey.subarray(1, 33).toString("base64url"), y: publicKey.subarray(33, 65).toString("base64url") }, format: "jwk" });
  if (!verify("sha256", Buffer.from(`${header}.${claims}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"))) throw new Error("VAPID JWT signature does not verify");
  const payload = JSON.parse(Buffer.from(claims, "base64url").toString()) as { aud: string; exp: number; sub: string };
  if (payload.aud !== audience) throw new Error(`VAPID audience ${payload.aud} is not ${audience}`);
  if (payload.exp * 1000 < Date.now()) throw new Error("VAPID JWT expired");
  return match[2]!;
}
