// The bench's upload server: the app's own route handlers (tRPC, the local driver's upload route,
// the stable attachment URL and the signed download route) behind a plain node:http server, so the
// upload scenario runs the real path (auth cookie, tRPC, services, storage driver, sharp) without a
// `next build`. Only Next's router is missing: each route module is called as Next would call it.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { serveIpc } from "./lib/ipc";

const port = Number(process.env.BENCH_PORT);
// Images are processed by the job queue (thumbnail, metadata stripped): run its workers here, as the
// app's server does, polling often so the thumbnail stage measures the processing, not the poll.
process.env.JOBS_POLL_SECONDS ||= "0.5";
const [trpc, upload, attachment, download, jobs] = await Promise.all([
  import("../src/app/api/trpc/[trpc]/route"),
  import("../src/app/api/files/upload/[token]/route"),
  import("../src/app/api/attachments/[id]/[variant]/route"),
  import("../src/app/api/files/download/[token]/route"),
  import("../src/server/jobs/workers"),
]);
await jobs.startJobWorkers();

type Handler = (req: Request) => Promise<Response>;
const params = <T,>(value: T) => ({ params: Promise.resolve(value) });

function route(method: string, pathname: string): Handler | null {
  if (pathname.startsWith("/api/trpc/") && (method === "GET" || method === "POST")) return trpc.POST;
  const [, api, area, a, b] = pathname.split("/");
  if (api !== "api" || !a) return null;
  if (method === "PUT" && area === "files" && a === "upload" && b) return (req) => upload.PUT(req, params({ token: b }));
  if (method === "GET" && area === "files" && a === "download" && b) return (req) => download.GET(req, params({ token: b }));
  if (method === "GET" && area === "attachments" && b) return (req) => attachment.GET(req, params({ id: a, variant: b }));
  return null;
}

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(`http://${req.headers.host}${req.url}`, {
    method: req.method,
    headers,
    // The body streams into the route (the local driver's upload route reads it chunk by chunk).
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  } as RequestInit);
}

async function send(res: ServerResponse, response: Response) {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  for await (const chunk of Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>)) {
    if (!res.write(chunk)) await new Promise((resolve) => res.once("drain", resolve));
  }
  res.end();
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const pathname = (req.url ?? "/").split("?")[0]!;
  if (pathname === "/healthz") return void res.writeHead(200).end("ok");
  const handler = route(req.method ?? "GET", pathname);
  if (!handler) return void res.writeHead(404).end();
  try {
    await send(res, await handler(toRequest(req)));
  } catch (error) {
    console.error(`${req.method} ${pathname} failed:`, error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  }
}

const http = createServer((req, res) => void handle(req, res));
http.keepAliveTimeout = 60_000;
// A 1 GB part stream may take longer than Node's default 5-minute request timeout on a loaded machine.
http.requestTimeout = 0;
await new Promise<void>((resolve) => http.listen(port, "127.0.0.1", resolve));
serveIpc({});
console.log(`bench upload server on 127.0.0.1:${port}`);
process.on("SIGTERM", () => process.exit(0));
