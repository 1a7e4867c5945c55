// The baseline: a bare Socket.IO 4.8 server with the same Redis adapter (when REDIS_URL is set) and
// the same loopback emit endpoint, but no auth, no database, no presence and no handlers. A socket
// names its user in the handshake and joins that user's room.
import { createServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import { Server } from "socket.io";

const port = Number(process.env.REALTIME_PORT);
const http = createServer((req, res) => {
  // The same probe and socket gauge the real sidecar has (the bench reads both alike).
  if (req.url === "/health") return void res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
  if (req.url === "/metrics") return void res.writeHead(200, { "content-type": "text/plain" }).end(`realtime_connected_sockets ${io.engine.clientsCount}\n`);
  if (req.url === "/internal/emit" && req.method === "POST") {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const { rooms, event, args } = JSON.parse(body) as { rooms: string[]; event: string; args: unknown[] };
      io.to(rooms).emit(event, ...args);
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
    return;
  }
  res.writeHead(404).end();
});
const io = new Server(http, { pingInterval: 20_000, pingTimeout: 20_000 });
const redisUrl = process.env.REDIS_URL;
const redis = redisUrl ? [new Redis(redisUrl), new Redis(redisUrl)] : [];
if (redis.length === 2) io.adapter(createAdapter(redis[0]!, redis[1]!));
io.on("connection", (socket) => {
  const userId = (socket.handshake.auth as { userId?: string }).userId;
  if (typeof userId === "string") void socket.join(`user:${userId}`);
});
await new Promise<void>((resolve) => http.listen(port, "127.0.0.1", resolve));
console.log(`bare sidecar on :${port}`);

async function stop() {
  await io.close();
  await Promise.all(redis.map((client) => client.quit().catch(() => undefined)));
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
