// Socket.IO clients for realtime tests, speaking the app's typed protocol.
import { io, type Socket } from "socket.io-client";
import { PROTOCOL_VERSION, type ClientToServerEvents, type ServerEventName, type ServerToClientEvents } from "~/shared/realtime/events";
import type { Caller } from "./trpc";

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectSocket(url: string, token: string, options: { protocol?: number; reconnection?: boolean } = {}): TestSocket {
  return io(url, {
    auth: { token, protocol: options.protocol ?? PROTOCOL_VERSION },
    transports: ["websocket"],
    reconnection: options.reconnection ?? false,
    forceNew: true,
  });
}

/** A socket of `person` (any signed-in client) to the sidecar at `url`, with a fresh token; connecting. */
export async function socketOf(person: { call(): Caller }, url: string): Promise<TestSocket> {
  const { token } = await person.call().realtime.token();
  return connectSocket(url, token);
}

/** Resolves once connected; rejects with the refusal's code otherwise. */
export function connected(socket: TestSocket): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => reject(Object.assign(new Error(error.message), { code: (error as { data?: { code?: string } }).data?.code })));
  });
}

/** Collects every payload of an event as it arrives. */
export function collect<E extends ServerEventName>(socket: TestSocket, event: E): Array<Parameters<ServerToClientEvents[E]>[0]> {
  const items: Array<Parameters<ServerToClientEvents[E]>[0]> = [];
  (socket.on as (event: string, listener: (payload: unknown) => void) => void)(event, (payload) => items.push(payload as never));
  return items;
}

export async function waitUntil(check: () => boolean, timeoutMs = 5_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
