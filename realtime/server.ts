// The realtime sidecar: a Socket.IO server that authenticates sockets, puts each in its user's room,
// relays typing, delivery marks and presence, and fans out what the app publishes. With a Redis URL,
// any number of these share rooms through @socket.io/redis-adapter.
import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import { Server } from "socket.io";
import { z } from "zod";
import { INTERNAL_EMIT_PATH, internalEmitToken, setPublisher } from "~/server/realtime/publish";
import { userRoom } from "~/shared/realtime/rooms";
import { socketAuth, type SessionCheck } from "./auth";
import { registerChatEvents } from "./handlers/chat-events";
import { registerPresence } from "./handlers/presence";
import { memoryPresenceStore, redisPresenceStore } from "./presence-store";
import type { RealtimeIo } from "./types";

export interface RealtimeOptions {
  port: number;
  secret: string;
  /** Origins allowed to connect (the app's URL). */
  corsOrigins: string[];
  redisUrl?: string;
  sessionIsLive: SessionCheck;
}

export interface RealtimeServer {
  io: RealtimeIo;
  port: number;
  /** Tells clients to reconnect elsewhere, then closes every socket and connection. */
  shutdown(reconnectInMs?: number): Promise<void>;
}

const ZInternalEmit = z.object({
  rooms: z.array(z.string().max(100)).min(1).max(10_000),
  event: z.enum(["message:new", "receipt:update", "chat:updated", "chat:removed", "friends:updated", "user:updated", "typing:update", "presence:update"]),
  args: z.array(z.unknown()).max(4),
});

const MAX_INTERNAL_BODY = 1024 * 1024;

export async function startRealtimeServer(options: RealtimeOptions): Promise<RealtimeServer> {
  const emitToken = Buffer.from(`Bearer ${internalEmitToken(options.secret)}`);
  const http = createServer((req, res) => {
    if (req.url === "/healthz") return json(res, 200, { ok: true, sockets: io.engine.clientsCount });
    if (req.url === INTERNAL_EMIT_PATH && req.method === "POST") return void internalEmit(req, res);
    res.writeHead(404).end();
  });
  const io: RealtimeIo = new Server(http, {
    cors: { origin: options.corsOrigins, credentials: true },
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });

  const redis = options.redisUrl ? [new Redis(options.redisUrl), new Redis(options.redisUrl)] : [];
  if (redis.length === 2) io.adapter(createAdapter(redis[0]!, redis[1]!));
  // Services called from this process (delivery marks) emit straight through this server.
  setPublisher({ toRooms: async (rooms, event, args) => void (io.to(rooms).emit as (e: string, ...a: unknown[]) => boolean)(event, ...args) });

  io.use(socketAuth(options.secret, options.sessionIsLive));
  io.on("connection", (socket) => {
    void socket.join(userRoom(socket.data.userId));
    // Once connected, nothing reads the first HTTP request again (socket.handshake keeps its headers,
    // url and auth): dropping the reference saves several KB per socket (Socket.IO's memory guide).
    (socket.conn as unknown as { request: unknown }).request = null;
  });
  const stopPresence = registerPresence(io, redis[0] ? redisPresenceStore(redis[0]) : memoryPresenceStore());
  registerChatEvents(io);

  /** POST /internal/emit - the app's loopback publish channel when there is no Redis. */
  async function internalEmit(req: IncomingMessage, res: ServerResponse) {
    const given = Buffer.from(req.headers.authorization ?? "");
    if (given.length !== emitToken.length || !timingSafeEqual(given, emitToken)) return json(res, 401, { ok: false });
    let body = "";
    for await (const chunk of req) {
      body += chunk;
      if (body.length > MAX_INTERNAL_BODY) return json(res, 413, { ok: false });
    }
    const parsed = ZInternalEmit.safeParse(safeJson(body));
    if (!parsed.success) return json(res, 400, { ok: false });
    const { rooms, event, args } = parsed.data;
    (io.to(rooms).emit as (e: string, ...a: unknown[]) => boolean)(event, ...args);
    json(res, 200, { ok: true });
  }

  await new Promise<void>((resolve) => http.listen(options.port, "0.0.0.0", resolve));
  const port = (http.address() as AddressInfo).port;

  return {
    io,
    port,
    async shutdown(reconnectInMs = 250) {
      io.local.emit("server:shutdown", { reconnectInMs });
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await stopPresence();
      await Promise.all(redis.map((client) => client.quit().catch(() => undefined)));
    },
  };
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
