// Recognises database constraint errors across Prisma's engine and driver-adapter shapes.
import { Prisma } from "./generated/client";

/** The column names of a violated unique constraint, or null if `error` is something else. */
export function uniqueViolationFields(error: unknown): string[] | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return null;
  const meta = (error.meta ?? {}) as { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: unknown; index?: unknown } } } };
  const constraint = meta.driverAdapterError?.cause?.constraint;
  const raw = meta.target ?? constraint?.fields ?? constraint?.index ?? [];
  return (Array.isArray(raw) ? raw : [raw]).map(String);
}

/** Node socket errors of a database connection that failed or dropped. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
/** PostgreSQL SQLSTATEs of a server going away or not accepting work (class 08: connection exception). */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
/** Prisma: can't reach (P1001), timed out (P1002, P1008), server closed the connection (P1017), pool timeout (P2024). */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** Prisma driver-adapter error kinds of the same failures. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/** node-postgres' own messages for a dropped connection or a pool that could not connect in time. */
const PG_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated due to connection timeout/i;

/**
 * True when `error` (or anything in its cause chain) says the database could not be reached or
 * dropped the connection: an outage to retry later (503), not a bug (500) or a refusal (4xx).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 6) return false;
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  const { code, kind, originalCode, message, cause, errors, meta } = error as {
    code?: unknown;
    kind?: unknown;
    originalCode?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  const sqlState = typeof originalCode === "string" ? originalCode : typeof code === "string" ? code : "";
  if (SOCKET_CODES.has(sqlState) || SQLSTATES.has(sqlState) || /^08[0-9A-Z]{3}$/.test(sqlState)) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError && PRISMA_CODES.has(error.code)) return true;
  if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
  if (typeof message === "string" && PG_MESSAGES.test(message)) return true;
  const nested = [cause, meta?.driverAdapterError, ...(Array.isArray(errors) ? (errors as unknown[]) : [])];
  return nested.some((inner) => inner !== error && isDatabaseUnavailable(inner, depth + 1));
}
