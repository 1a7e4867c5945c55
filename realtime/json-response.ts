// The sidecar's own HTTP answers (health check, loopback channel): JSON, never sniffed or cached.
import type { ServerResponse } from "node:http";

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "x-content-type-options": "nosniff", "cache-control": "no-store" }).end(JSON.stringify(body));
}
