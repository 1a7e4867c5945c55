// Serves the Next app (`npm run serve`; `npm start` runs it). A custom server only to make the
// client address trustworthy: Next passes a client-sent X-Forwarded-For through unchanged, which
// would let anyone choose their "IP" for the per-IP rate limits. Here the header is rebuilt from
// the socket's peer plus only as many forwarded hops as TRUST_PROXY_HOPS proxies stand in front.
import { createServer, type IncomingMessage } from "node:http";
import next from "next";
import { shutDownOnSignals } from "../src/server/ops/app-lifecycle";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const trustedHops = Number(process.env.TRUST_PROXY_HOPS || 0);

/** The forwarded chain as our trusted proxies (and the socket) saw it; the client is its first entry. */
export function trustedForwardedFor(req: IncomingMessage, hops: number): string {
  const peer = req.socket.remoteAddress ?? "";
  const header = req.headers["x-forwarded-for"];
  const chain = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").map((hop) => hop.trim()).filter(Boolean);
  return [...(hops > 0 ? chain.slice(-hops) : []), peer].join(", ");
}

const app = next({ dev, port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();
// Background jobs run in every app process (JOBS_ENABLED=false opts a node out). Imported after
// prepare(), which has loaded .env into the environment src/env.ts reads.
const jobs = await import("~/server/jobs/workers");
await jobs.startJobWorkers();

const server = createServer((req, res) => {
  req.headers["x-forwarded-for"] = trustedForwardedFor(req, trustedHops);
  if (!trustedHops) delete req.headers["x-request-id"]; // only a trusted proxy names the request (logs)
  void handle(req, res);
}).listen(port, () => console.log(`next: ready on http://localhost:${port}${dev ? " (dev)" : ""}`));

// SIGTERM/SIGINT: /api/ready turns 503, in-flight requests finish (SHUTDOWN_GRACE_MS), running jobs
// finish, then the pool and Redis close.
shutDownOnSignals(server, () => jobs.stopJobWorkers());
