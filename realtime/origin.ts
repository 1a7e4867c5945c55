// Which browser pages may talk to the sidecar: the app's own origin only. A handshake whose Origin
// header names another site is refused outright, and CORS headers (with credentials) are sent to
// the app's origin alone. Requests without an Origin (not from a browser page) pass to the token check.
import type { IncomingMessage } from "node:http";
import type { ServerOptions } from "socket.io";

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function originPolicy(allowedUrls: string[]) {
  const allowed = new Set(allowedUrls.map(originOf).filter((origin): origin is string => origin !== null));
  const isAllowed = (origin: string | undefined) => origin === undefined || allowed.has(origin);
  return {
    isAllowed,
    /** Engine.IO's allowRequest: polling requests and WebSocket upgrades alike. */
    allowRequest: (req: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void) => {
      const ok = isAllowed(req.headers.origin);
      callback(ok ? null : "Origin not allowed", ok);
    },
    cors: ((req: IncomingMessage, callback: (error: Error | null, options: { origin: string | false; credentials?: boolean }) => void) => {
      const origin = req.headers.origin;
      callback(null, origin && allowed.has(origin) ? { origin, credentials: true } : { origin: false });
    }) as NonNullable<ServerOptions["cors"]>,
  };
}
