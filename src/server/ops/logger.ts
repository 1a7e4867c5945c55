// The one logger of the app and the sidecar: pino, JSON lines (level, time, msg, pid, hostname) written
// synchronously to stdout (no transport worker threads). Passwords, tokens, cookies and message text
// are replaced by "[redacted]" wherever they appear as a field, up to three levels deep.
import { pino, type DestinationStream, type Logger } from "pino";
import { env } from "~/env";

const SECRET_FIELDS = [
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "accessToken",
  "refreshToken",
  "secret",
  "authorization",
  "cookie",
  "cookies",
  "set-cookie",
  "content",
  "caption",
];

/** Each secret field at the top level and under one or two levels of objects (pino has no deep wildcard). */
const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => [`["${field}"]`, `*["${field}"]`, `*.*["${field}"]`]);

export type { Logger };

/** A logger writing to `destination` (stdout by default); tests pass a stream to read what was logged. */
export function createLogger(destination?: DestinationStream, level: string = env.LOG_LEVEL): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: "[redacted]" }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}

const cache = globalThis as unknown as { bmLogger?: Logger };

/** The process's logger. */
export function log(): Logger {
  cache.bmLogger ??= createLogger();
  return cache.bmLogger;
}
