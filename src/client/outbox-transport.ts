// How the outbox reaches the server: message.send, message.sendBatch, and what their errors mean.
import type { TRPCClient } from "@trpc/client";
import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "~/server/api/root";
import { SEND_BATCH_MAX } from "~/shared/api-limits";
import type { Failure, OutboxOptions } from "./outbox";
import { storedAttachments, type OutboxItem } from "./outbox-store";

/** How the outbox reaches the server: message.send, message.sendBatch, and what their errors mean. */
export function outboxTransport(api: TRPCClient<AppRouter>): Pick<OutboxOptions, "send" | "sendBatch" | "batchSize" | "classify"> {
  return {
    send: async (item) => (await api.message.send.mutate(sendInput(item))).message,
    sendBatch: async (items) => {
      const results = await api.message.sendBatch.mutate({ messages: items.map(sendInput) });
      return results.map((result) => (result.ok ? { message: result.message } : { error: new SendRefusedError(result.code, result.error, result.retryAfter) }));
    },
    batchSize: SEND_BATCH_MAX,
    classify: classifySendError,
  };
}

function sendInput(item: OutboxItem) {
  const { chatId, clientId, content, replyToId } = item;
  return { chatId, clientId, content, replyToId, attachmentIds: storedAttachments(item).map((attachment) => attachment.id) };
}

/** One message of a message.sendBatch call that the server did not store. */
export class SendRefusedError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfter: number | null,
  ) {
    super(message);
    this.name = "SendRefusedError";
  }
}

/** Per-message codes of a batch that mean "not now" rather than "no". */
const RETRYABLE_CODES = new Set(["RATE_LIMITED", "TOO_MANY_REQUESTS", "SERVICE_UNAVAILABLE", "INTERNAL_SERVER_ERROR"]);

/** A refused message (bad input, not a member) waits for the person; anything else is retried
 * (a rate limit after the retryAfter the server gave). */
export function classifySendError(error: unknown): Failure {
  if (error instanceof SendRefusedError) {
    const retryAfterMs = error.retryAfter ? error.retryAfter * 1000 : undefined;
    return RETRYABLE_CODES.has(error.code) ? { kind: "retry", code: error.code, retryAfterMs } : { kind: "fatal", code: error.code };
  }
  if (error instanceof TRPCClientError) {
    const data = error.data as { httpStatus?: number; appCode?: string | null; code?: string; retryAfter?: number | null } | undefined;
    const status = data?.httpStatus ?? 0;
    const code = data?.appCode ?? data?.code ?? "NETWORK";
    if (status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429) return { kind: "fatal", code };
    return { kind: "retry", code, retryAfterMs: data?.retryAfter ? data.retryAfter * 1000 : undefined };
  }
  return { kind: "retry", code: "NETWORK" };
}
