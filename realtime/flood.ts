// Per-socket flood control over every client event: a token bucket (a burst, then a steady rate);
// over it an event is answered TOO_MANY_REQUESTS without any work, and a socket that keeps
// pushing past it is disconnected.
import type { Ack } from "~/shared/realtime/events";
import type { RealtimeSocket } from "./types";
import { log } from "~/server/ops/logger";

export interface FloodLimits {
  /** Events a socket may send at once. */
  burst: number;
  /** Events per second the bucket refills. */
  perSecond: number;
  /** Refused events within REFUSAL_WINDOW_MS after which the socket is disconnected. */
  maxRefusals: number;
}

export const DEFAULT_FLOOD_LIMITS: FloodLimits = { burst: 60, perSecond: 20, maxRefusals: 100 };
const REFUSAL_WINDOW_MS = 10_000;

export function guardAgainstFloods(socket: RealtimeSocket, limits: FloodLimits = DEFAULT_FLOOD_LIMITS): void {
  let tokens = limits.burst;
  let refilledAt = Date.now();
  let refusals = 0;
  let windowStart = refilledAt;
  socket.use((packet, next) => {
    const now = Date.now();
    tokens = Math.min(limits.burst, tokens + ((now - refilledAt) / 1000) * limits.perSecond);
    refilledAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return next();
    }
    if (now - windowStart > REFUSAL_WINDOW_MS) {
      windowStart = now;
      refusals = 0;
    }
    const ack = packet[packet.length - 1] as unknown;
    if (typeof ack === "function") (ack as (result: Ack) => void)({ ok: false, code: "TOO_MANY_REQUESTS" });
    if (++refusals > limits.maxRefusals && socket.connected) {
      log().warn({ userId: socket.data.userId }, "realtime: disconnecting a flooding socket");
      socket.disconnect(true);
    }
  });
}
