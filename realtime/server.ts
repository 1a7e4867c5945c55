// The realtime sidecar: a Socket.IO server that authenticates sockets, puts each in its user's room,
// relays typing, delivery marks and presence, and fans out what the app publishes. With a Redis URL,
// any number of these share rooms through @socket.io/redis-adapter.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdapter } from "@socket.io/redis-adapter";
import { Server } from "socket.io";
import { emitEvent } from "~/server/realtime/emit";
import { setPublisher } from "~/server/realtime/publisher";
import { setSocketEnder } from "~/server/realtime/socket-ender";
import { METRICS_REFUSAL_STATUS, metricsAccess } from "~/server/ops/metrics-access";
import { HEALTH_BODY, readinessAnswer, type Check } from "~/server/ops/readiness";
import { memberIds } from "~/server/services/core/chat-access";
import { sessionRoom, userRoom } from "~/shared/realtime/rooms";
import { socketAuth, type SessionCheck } from "./auth";
import { DEFAULT_FLOOD_LIMITS, guardAgainstFloods, type FloodLimits } from "./flood";
import { registerChatEvents } from "./handlers/chat-events";
import { registerPresence } from "./handlers/presence";
import { registerViewStates } from "./handlers/view-state";
import { memoryViewStateStore, redisViewStateStore, type ViewStateStore } from "~/server/realtime/view-states";
import { startInternalHttp } from "./internal-http";
import { membershipCache } from "./membership-cache";
import { json } from "./json-response";
import { originPolicy } from "./origin";
import { memoryPresenceStore, redisPresenceStore } from "./presence-store";
import { memoryTokenLedger, redisTokenLedger } from "./token-ledger";
import { createRedisClients, onRedisRestored } from "./redis-link";
import { sidecarReadiness } from "./readiness";
import { sidecarMetrics } from "./metrics";
import type { RealtimeIo } from "./types";

export interface RealtimeOptions {
  port: number;
  secret: string;
  /** Origins allowed to connect (the app's URL). */
  corsOrigins: string[];
  redisUrl?: string;
  sessionIsLive: SessionCheck;
  /** The loopback-only port for the app's signed publish calls (needed only without Redis). */
  internalPort?: number;
  /** How typing looks up chat members (cached briefly); tests count the calls. */
  loadMemberIds?: (chatId: string) => Promise<string[]>;
  floodLimits?: FloodLimits;
  /** The readiness probe's PostgreSQL check (default: SELECT 1 on the app's pool). */
  databaseCheck?: Check;
  /** The bearer token /metrics asks for; unset: /metrics answers 404. */
  metricsToken?: string;
}

export interface RealtimeServer {
  io: RealtimeIo;
  port: number;
  /** The loopback port, when one was asked for. */
  internalPort?: number;
  /** What this node's sockets (all nodes', with Redis) report they show: read by the push job. */
  viewStates: ViewStateStore;
  /** Answers /ready with 503 at once; after `drainMs` (time for load balancers to notice) tells
   * clients to reconnect elsewhere, then closes every socket and connection. */
  shutdown(reconnectInMs?: number, drainMs?: number): Promise<void>;
}

export async function startRealtimeServer(options: RealtimeOptions): Promise<RealtimeServer> {
  let accepting = true;
  const http = createServer((req, res) => {
    const path = req.method === "GET" || req.method === "HEAD" ? req.url : undefined;
    if (path === "/health") return json(res, 200, HEALTH_BODY);
    if (path === "/ready") return void answerReady(res);
    if (path === "/metrics") return void answerMetrics(req.headers.authorization, res);
    json(res, 404, { ok: false });
  });
  const origins = originPolicy(options.corsOrigins);
  const io: RealtimeIo = new Server(http, {
    cors: origins.cors,
    allowRequest: origins.allowRequest,
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });
  for (const hook of ["initial_headers", "headers"]) io.engine.on(hook, (headers: Record<string, string>) => void (headers["X-Content-Type-Options"] = "nosniff"));

  const links = options.redisUrl ? createRedisClients(options.redisUrl) : null;
  const redis = links ? [links.pub, links.sub] : [];
  const readiness = sidecarReadiness({ accepting: () => accepting, redis: links ? redis : null, database: options.databaseCheck });
  async function answerReady(res: ServerResponse) {
    const { status, body } = readinessAnswer(await readiness());
    json(res, status, body);
  }
  if (links) io.adapter(createAdapter(links.pub, links.sub));
  const metrics = sidecarMetrics(io);
  if (links) for (const link of ["pub", "sub"] as const) links[link].on("error", () => metrics.redisError(link));
  async function answerMetrics(authorization: string | undefined, res: ServerResponse) {
    const access = metricsAccess(authorization, options.metricsToken);
    if (access !== "ok") return json(res, METRICS_REFUSAL_STATUS[access], { ok: false });
    res.writeHead(200, { "content-type": metrics.registry.contentType, "cache-control": "no-store" }).end(await metrics.registry.metrics());
  }
  // Events published while this node's subscriber was cut off never reached it: clients catch up.
  if (links) onRedisRestored(links.sub, () => io.local.emit("sync:required"));
  // Services called from this process (delivery marks) emit straight through this server.
  setPublisher({ toRooms: (rooms, event, args) => Promise.resolve(emitEvent(io.to(rooms), event, args)) });
  setSocketEnder({ disconnectRooms: (rooms) => Promise.resolve(io.in(rooms).disconnectSockets(true)) });

  io.use(socketAuth(options.secret, options.sessionIsLive, redis[0] ? redisTokenLedger(redis[0]) : memoryTokenLedger()));
  io.on("connection", (socket) => {
    guardAgainstFloods(socket, options.floodLimits ?? DEFAULT_FLOOD_LIMITS);
    void socket.join([userRoom(socket.data.userId), sessionRoom(socket.data.sessionId)]);
    // Once connected, nothing reads the first HTTP request again (socket.handshake keeps its headers,
    // url and auth): dropping the reference saves several KB per socket (Socket.IO's memory guide).
    (socket.conn as unknown as { request: unknown }).request = null;
  });
  const stopPresence = registerPresence(io, redis[0] ? redisPresenceStore(redis[0]) : memoryPresenceStore());
  registerChatEvents(io, membershipCache(options.loadMemberIds ?? memberIds));
  const viewStates = redis[0] ? redisViewStateStore(redis[0]) : memoryViewStateStore();
  const stopViewStates = registerViewStates(io, viewStates);

  await new Promise<void>((resolve) => http.listen(options.port, "0.0.0.0", resolve));
  const port = (http.address() as AddressInfo).port;
  const internal = options.internalPort === undefined ? null : await startInternalHttp(io, options.secret, options.internalPort, viewStates);

  return {
    io,
    port,
    internalPort: internal?.port,
    viewStates,
    async shutdown(reconnectInMs = 250, drainMs = 0) {
      accepting = false;
      if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
      io.local.emit("server:shutdown", { reconnectInMs });
      if (internal) await new Promise<void>((resolve) => internal.server.close(() => resolve()));
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await stopPresence();
      stopViewStates();
      await Promise.all(redis.map((client) => client.quit().catch(() => undefined)));
    },
  };
}
