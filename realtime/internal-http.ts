// The sidecar's loopback-only HTTP port for the app when there is no Redis: POST /internal/emit
// (fan-out) and POST /internal/disconnect (ended sessions). Each request is signed (timestamp +
// body, HMAC with AUTH_SECRET); unsigned, forged, stale and replayed requests are refused.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { PUBLISHED_EVENTS, type PublishedEventName, type ServerEventArgs } from "~/shared/realtime/events";
import { INTERNAL_DISCONNECT_PATH } from "~/server/realtime/disconnect";
import { emitEvent } from "~/server/realtime/emit";
import { internalRequestVerifier } from "~/server/realtime/internal-signature";
import { INTERNAL_EMIT_PATH } from "~/server/realtime/publish";
import { INTERNAL_VIEW_STATES_PATH } from "~/server/realtime/view-state-reader";
import type { ViewStateStore } from "~/server/realtime/view-states";
import { json } from "./json-response";
import type { RealtimeIo } from "./types";

const ZRooms = z.array(z.string().max(100)).min(1).max(10_000);
const ZInternalEmit = z.object({
  rooms: ZRooms,
  event: z.enum(PUBLISHED_EVENTS),
  args: z.array(z.unknown()).max(4),
});
const ZInternalDisconnect = z.object({ rooms: ZRooms });
const ZInternalViewStates = z.object({ userIds: z.array(z.string().max(100)).min(1).max(10_000) });
const PATHS = [INTERNAL_EMIT_PATH, INTERNAL_DISCONNECT_PATH, INTERNAL_VIEW_STATES_PATH];

const MAX_INTERNAL_BODY = 1024 * 1024;

export async function startInternalHttp(io: RealtimeIo, secret: string, port: number, viewStates: ViewStateStore): Promise<{ server: Server; port: number }> {
  const verify = internalRequestVerifier(secret);
  const server = createServer((req, res) => {
    if (req.method === "POST" && PATHS.includes(req.url ?? "")) return void handle(req, res, req.url!);
    json(res, 404, { ok: false });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, path: string) {
    let body = "";
    for await (const chunk of req) {
      body += chunk;
      if (body.length > MAX_INTERNAL_BODY) return json(res, 413, { ok: false });
    }
    const verdict = verify(req.headers, path, body);
    if (verdict !== "ok") return json(res, 401, { ok: false, error: verdict });
    if (path === INTERNAL_VIEW_STATES_PATH) {
      // The push job asks what users' tabs show (no Redis: this one node holds every state).
      const parsed = ZInternalViewStates.safeParse(safeJson(body));
      if (!parsed.success) return json(res, 400, { ok: false });
      return json(res, 200, { ok: true, states: await viewStates.of(parsed.data.userIds) });
    }
    if (path === INTERNAL_DISCONNECT_PATH) {
      const parsed = ZInternalDisconnect.safeParse(safeJson(body));
      if (!parsed.success) return json(res, 400, { ok: false });
      io.in(parsed.data.rooms).disconnectSockets(true);
      return json(res, 200, { ok: true });
    }
    const parsed = ZInternalEmit.safeParse(safeJson(body));
    if (!parsed.success) return json(res, 400, { ok: false });
    const { rooms, event, args } = parsed.data;
    // The name is checked; the arguments are the app's own (the request is signed with its secret),
    // built by the typed publishToUsers.
    emitEvent(io.to(rooms), event, args as ServerEventArgs<PublishedEventName>);
    json(res, 200, { ok: true });
  }

  // Loopback only: nothing outside this machine can reach it, whatever the firewall says.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
