// Socket authentication (io.use): a short-lived, single-use token minted by tRPC `realtime.token`,
// signed with AUTH_SECRET, whose session must still exist. Refusals carry a code the client acts on.
import type { ExtendedError } from "socket.io";
import { verifyRealtimeToken } from "~/server/auth/tokens";
import { PROTOCOL_VERSION, type ConnectRefusal, type HandshakeAuth } from "~/shared/realtime/events";
import type { TokenLedger } from "./token-ledger";
import type { RealtimeSocket } from "./types";

export type SessionCheck = (sessionId: string, userId: string) => Promise<boolean>;

function refuse(code: ConnectRefusal, message: string): ExtendedError {
  const error = new Error(message) as ExtendedError;
  error.data = { code };
  return error;
}

export function socketAuth(secret: string, sessionIsLive: SessionCheck, ledger: TokenLedger) {
  /** Admits the socket (undefined) or says why not. */
  async function check(socket: RealtimeSocket): Promise<ExtendedError | undefined> {
    const auth = (socket.handshake.auth ?? {}) as Partial<HandshakeAuth>;
    if (auth.protocol !== PROTOCOL_VERSION) {
      return refuse("PROTOCOL_MISMATCH", `Protocol ${String(auth.protocol)} is not ${PROTOCOL_VERSION}: reload the page`);
    }
    if (typeof auth.token !== "string") return refuse("TOKEN_INVALID", "No token");
    const verified = await verifyRealtimeToken(secret, auth.token);
    if (!verified.ok) return verified.reason === "expired" ? refuse("TOKEN_EXPIRED", "Token expired") : refuse("TOKEN_INVALID", "Token invalid");
    const { userId, sessionId } = verified.claims;
    // A leaked token is no reusable key: the client fetches a fresh one for every attempt.
    if (!verified.tokenId || !(await ledger.consume(verified.tokenId, verified.expiresAt))) return refuse("TOKEN_INVALID", "Token already used");
    if (!(await sessionIsLive(sessionId, userId))) return refuse("SESSION_ENDED", "Session ended: sign in again");
    socket.data.userId = userId;
    socket.data.sessionId = sessionId;
    return undefined;
  }
  return (socket: RealtimeSocket, next: (error?: ExtendedError) => void) => {
    check(socket).then(next, (error: unknown) => next(error instanceof Error ? error : new Error(String(error))));
  };
}
