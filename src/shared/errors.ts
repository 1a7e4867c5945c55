// Domain error codes: stable keys the UI translates (messages/*.json → errors.<CODE>),
// and the one map from a domain code to the tRPC code a client sees.

export const APP_ERROR_TRPC_CODE = {
  UNAUTHENTICATED: "UNAUTHORIZED",
  INVALID_CREDENTIALS: "UNAUTHORIZED",
  ACCOUNT_BANNED: "FORBIDDEN",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  USERNAME_TAKEN: "CONFLICT",
  EMAIL_TAKEN: "CONFLICT",
  WRONG_PASSWORD: "BAD_REQUEST",
  PASSWORD_LIKE_NAME: "BAD_REQUEST",
  BAD_REQUEST: "BAD_REQUEST",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  /** The uploader's files would exceed STORAGE_QUOTA_BYTES (HTTP 413, like a file over the limit). */
  STORAGE_QUOTA_EXCEEDED: "PAYLOAD_TOO_LARGE",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  NOT_A_GROUP: "BAD_REQUEST",
  CHAT_WITH_SELF: "BAD_REQUEST",
  CHAT_ADMIN_REQUIRED: "FORBIDDEN",
  CHAT_OWNER_REQUIRED: "FORBIDDEN",
  CANNOT_REMOVE_SELF: "BAD_REQUEST",
  CANNOT_LEAVE_DIRECT: "BAD_REQUEST",
  BLOCKED_BY_YOU: "FORBIDDEN",
  BLOCKED_BY_THEM: "FORBIDDEN",
  FRIENDS_ONLY: "FORBIDDEN",
  /** An image whose metadata is still being stripped: not served yet, ask again later (HTTP 409). */
  ATTACHMENT_PROCESSING: "CONFLICT",
  /** The database (or another dependency) is unreachable for now: retry later (HTTP 503). */
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_TRPC_CODE;

export interface AppErrorDetails {
  /** The input field the error belongs to, so a form can show it beside that field. */
  field?: string;
  /** Seconds until a rate-limited action may be tried again. */
  retryAfter?: number;
}

/** An expected failure of a domain rule; mapped to a tRPC error in one place (server/api/trpc.ts). */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: AppErrorDetails = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function isAppErrorCode(value: unknown): value is AppErrorCode {
  return typeof value === "string" && value in APP_ERROR_TRPC_CODE;
}
