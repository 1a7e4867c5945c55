// The browser's socket to the realtime sidecar: a fresh token on every (re)connect attempt,
// automatic reconnection with a short capped back-off, failover across the listed sidecars, and a
// visible state (connecting / online / offline).
import { io, type Socket } from "socket.io-client";
import { PROTOCOL_VERSION, type ClientToServerEvents, type ConnectRefusal, type ServerToClientEvents } from "~/shared/realtime/events";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionState = "connecting" | "online" | "offline";

export interface TokenGrant {
  token: string;
  url: string;
  /** Every sidecar the client may use (REALTIME_PUBLIC_URL's list); `url` is the first. */
  urls?: string[];
  protocol: number;
}

/** Reconnect back-off: a restarted sidecar is found within about a second, with jitter so that
 * thousands of clients do not all knock at once. */
const RECONNECT_DELAY_MS = 250;
const RECONNECT_DELAY_MAX_MS = 1_000;
const RECONNECT_JITTER = 0.5;

/** Round-robin over the sidecar URLs, starting at a random one to spread clients over the nodes. */
export function sidecarRotation(urls: string[], random = Math.random): { current: () => string; next: () => string } {
  const list = urls.length > 0 ? urls : [""];
  let index = Math.floor(random() * list.length) % list.length;
  return { current: () => list[index]!, next: () => list[(index = (index + 1) % list.length)]! };
}

/** Whether a failed token request (a tRPC client error) says the session no longer exists. */
export function sessionGone(error: unknown): boolean {
  const data = (error as { data?: { code?: string; appCode?: string } } | null)?.data;
  return data?.code === "UNAUTHORIZED" || data?.appCode === "ACCOUNT_BANNED";
}

export interface ConnectionOptions {
  /** Mints a token (tRPC realtime.token); its url says where the sidecar is. */
  getToken: () => Promise<TokenGrant>;
  onState: (state: ConnectionState) => void;
  /** Called on every successful (re)connect: the moment to catch up on what was missed. */
  onConnect: () => void;
  /** The session ended (signed out elsewhere, banned, deleted). */
  onSessionEnded: () => void;
  /** This page speaks an older protocol than the server: reload it. */
  onOutdated: () => void;
}

export async function connectRealtime(options: ConnectionOptions): Promise<ClientSocket> {
  const first = await options.getToken();
  if (first.protocol !== PROTOCOL_VERSION) options.onOutdated();
  let pending: TokenGrant | null = first;
  const sidecars = sidecarRotation(first.urls?.length ? first.urls : [first.url]);

  const socket: ClientSocket = io(sidecars.current(), {
    // Called before every attempt: tokens live 5 minutes, reconnects can come much later.
    auth: (callback) => {
      const grant = pending;
      pending = null;
      (grant ? Promise.resolve(grant) : options.getToken())
        .then((next) => callback({ token: next.token, protocol: PROTOCOL_VERSION }))
        .catch((error: unknown) => {
          // No token because the session is gone (signed out elsewhere, banned): stop, sign in again.
          if (!sessionGone(error)) return callback({ token: "", protocol: PROTOCOL_VERSION });
          socket.disconnect();
          options.onSessionEnded();
        });
    },
    transports: ["websocket", "polling"],
    reconnectionDelay: RECONNECT_DELAY_MS,
    reconnectionDelayMax: RECONNECT_DELAY_MAX_MS,
    randomizationFactor: RECONNECT_JITTER,
    withCredentials: true,
  });
  // Without a load balancer in front, a dead node must not hold the client: every new attempt after a
  // lost connection or a failed attempt goes to the next sidecar of the list.
  const moveToNextSidecar = () => {
    (socket.io as unknown as { uri: string }).uri = sidecars.next();
  };
  socket.io.on("reconnect_attempt", moveToNextSidecar);

  options.onState("connecting");
  let refusals = 0;
  socket.on("connect", () => {
    refusals = 0;
    options.onState("online");
    options.onConnect();
  });
  socket.on("disconnect", (reason) => {
    options.onState(navigator.onLine ? "connecting" : "offline");
    // A server-side disconnect is not retried by Socket.IO on its own.
    if (reason === "io server disconnect") setTimeout(() => socket.connect(), 500);
  });
  socket.on("connect_error", (error) => {
    const code = (error as Error & { data?: { code?: ConnectRefusal } }).data?.code;
    if (code === "SESSION_ENDED") return options.onSessionEnded();
    if (code === "PROTOCOL_MISMATCH") return options.onOutdated();
    // TOKEN_EXPIRED / TOKEN_INVALID / network: the next attempt fetches a new token.
    options.onState(navigator.onLine ? "connecting" : "offline");
    // A refusal by the server's auth is not retried by Socket.IO on its own: back off and retry.
    if (!socket.active) setTimeout(() => socket.connect(), Math.min(30_000, 1_000 * 2 ** refusals++));
  });
  socket.on("server:shutdown", ({ reconnectInMs }) => {
    options.onState("connecting");
    setTimeout(() => {
      if (!socket.connected) socket.connect();
    }, reconnectInMs);
  });

  const goOffline = () => options.onState("offline");
  const goOnline = () => {
    options.onState(socket.connected ? "online" : "connecting");
    if (!socket.connected) socket.connect();
  };
  window.addEventListener("offline", goOffline);
  window.addEventListener("online", goOnline);
  const close = socket.close.bind(socket);
  socket.close = () => {
    window.removeEventListener("offline", goOffline);
    window.removeEventListener("online", goOnline);
    return close();
  };
  return socket;
}

/** Waits before another try at reaching the server: a back-off (1 s doubling up to 30 s), cut short
 * when the browser comes back online. */
export function retryDelay(attempt: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      if (typeof window !== "undefined") window.removeEventListener("online", done);
      resolve();
    };
    const timer = setTimeout(done, Math.min(30_000, 1_000 * 2 ** attempt));
    if (typeof window !== "undefined") window.addEventListener("online", done);
  });
}
