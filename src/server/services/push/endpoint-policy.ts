// Which push endpoints the server will POST to. A subscription's endpoint is chosen by the browser,
// i.e. by whoever calls push.subscribe, so it must not point the server at its own network (SSRF):
// https only, and no loopback, private, link-local or otherwise internal address, checked on the
// name at subscribe time and on the resolved address at every connection (DNS may change).
// PUSH_ALLOW_PRIVATE_ENDPOINTS lifts the address rule (tests, closed networks) and allows http on loopback.
import { BlockList, isIP } from "node:net";
import { AppError } from "~/shared/errors";

const internal = new BlockList();
for (const [prefix, bits] of [["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 3]] as const) {
  internal.addSubnet(prefix, bits, "ipv4");
}
for (const [prefix, bits] of [["::", 127], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["64:ff9b::", 96]] as const) internal.addSubnet(prefix, bits, "ipv6");

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** The address as BlockList wants it (IPv4-mapped IPv6 addresses are checked as IPv4). */
function normalize(address: string): { address: string; family: "ipv4" | "ipv6" } | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const plain = mapped ?? address.replace(/^\[|\]$/g, "");
  const version = isIP(plain);
  return version === 0 ? null : { address: plain, family: version === 4 ? "ipv4" : "ipv6" };
}

/** True when the server must not connect to `address`. */
export function isInternalAddress(address: string): boolean {
  const ip = normalize(address);
  return ip === null || internal.check(ip.address, ip.family);
}

function isLoopbackHost(hostname: string): boolean {
  if (hostname === "localhost") return true;
  const ip = normalize(hostname);
  return ip !== null && loopback.check(ip.address, ip.family);
}

/** Refuses an endpoint the server must not post to (BAD_REQUEST, field `endpoint`). */
export function assertPushEndpoint(endpoint: string, allowPrivate: boolean): URL {
  const refuse = (why: string) => new AppError("BAD_REQUEST", `This push endpoint cannot be used: ${why}`, { field: "endpoint" });
  const url = new URL(endpoint);
  if (url.username || url.password) throw refuse("it carries credentials");
  const host = url.hostname.toLowerCase();
  if (url.protocol === "http:" && !(allowPrivate && isLoopbackHost(host))) throw refuse("it must be https");
  if (url.protocol !== "https:" && url.protocol !== "http:") throw refuse("it must be https");
  if (allowPrivate) return url;
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal") || host.endsWith(".local")) throw refuse("it names an internal host");
  if (normalize(host) !== null && isInternalAddress(host)) throw refuse("it names an internal address");
  if (normalize(host) === null && !host.includes(".")) throw refuse("it names an internal host");
  return url;
}
