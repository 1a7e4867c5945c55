// The sidecar's Prometheus metrics. Labels are event names only (a fixed set): never a user, chat or
// socket id, so the number of series stays bounded however many people connect.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { CLIENT_EVENT_SCHEMAS } from "~/shared/schemas/client-events";
import type { RealtimeIo } from "./types";

const KNOWN_CLIENT_EVENTS = new Set<string>(Object.keys(CLIENT_EVENT_SCHEMAS));
/** How many recent messages this node remembers to time their delivered acks (about 1 MB). */
const REMEMBERED_MESSAGES = 10_000;

export interface SidecarMetrics {
  registry: Registry;
  redisError(link: "pub" | "sub"): void;
}

interface Packet {
  data?: unknown[];
}

export function sidecarMetrics(io: RealtimeIo): SidecarMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({ name: "realtime_connected_sockets", help: "Sockets connected to this node", registers: [registry], collect() {
    this.set(io.engine.clientsCount);
  } });
  const connections = new Counter({ name: "realtime_connections_total", help: "Sockets accepted (authenticated)", registers: [registry] });
  const disconnections = new Counter({ name: "realtime_disconnections_total", help: "Sockets disconnected", registers: [registry] });
  const eventsIn = new Counter({ name: "realtime_events_in_total", help: "Client events received, by event name", labelNames: ["event"], registers: [registry] });
  const eventsOut = new Counter({ name: "realtime_events_out_total", help: "Server events written to this node's sockets (one per broadcast), by event name", labelNames: ["event"], registers: [registry] });
  const fanout = new Histogram({
    name: "realtime_fanout_latency_seconds",
    help: "message:new from the message's createdAt (the app's clock) to this node writing it to its sockets",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const delivery = new Histogram({
    name: "realtime_delivery_latency_seconds",
    help: "message:new from the message's createdAt (the app's clock) to a recipient device's delivered ack reaching this node",
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  // createdAt (ms) of the messages this node wrote to its sockets, by "chatId:seq", oldest first.
  const sentAt = new Map<string, number>();
  const redisErrors = new Counter({ name: "realtime_redis_errors_total", help: "Errors on the Redis adapter's links", labelNames: ["link"], registers: [registry] });

  io.on("connection", (socket) => {
    connections.inc();
    socket.onAny((event: string, payload?: { chatId?: unknown; seq?: unknown }) => {
      eventsIn.inc({ event: KNOWN_CLIENT_EVENTS.has(event) ? event : "unknown" });
      const createdAt = event === "message:delivered" ? sentAt.get(`${String(payload?.chatId)}:${String(payload?.seq)}`) : undefined;
      if (createdAt !== undefined) delivery.observe(Math.max(0, Date.now() - createdAt) / 1000);
    });
    socket.on("disconnect", () => disconnections.inc());
  });
  // Every local broadcast, also one arriving through Redis, encodes its packet once: count it there.
  const adapter = io.of("/").adapter as unknown as { _encode: (packet: Packet, options: unknown) => unknown };
  const encode = adapter._encode.bind(adapter);
  adapter._encode = (packet, options) => {
    const [event, payload] = packet.data ?? [];
    if (typeof event === "string") {
      eventsOut.inc({ event });
      const message = event === "message:new" ? (payload as { chatId: string; seq: number; createdAt: string }) : null;
      const createdAt = message ? Date.parse(message.createdAt) : NaN;
      if (message && Number.isFinite(createdAt)) {
        fanout.observe(Math.max(0, Date.now() - createdAt) / 1000);
        sentAt.set(`${message.chatId}:${message.seq}`, createdAt);
        if (sentAt.size > REMEMBERED_MESSAGES) sentAt.delete(sentAt.keys().next().value!);
      }
    }
    return encode(packet, options);
  };
  return { registry, redisError: (link) => redisErrors.inc({ link }) };
}
