// Sending under the per-user message limit (a token bucket, server/limits.ts), one message or a
// batch. A resend of a stored message costs nothing: its token is given back, and when the bucket
// is empty a resend is still answered with the stored message.
import type { z } from "zod";
import { messageBucket } from "~/server/limits";
import { rateLimited, returnTokens, takeTokens } from "~/server/rate-limit";
import { AppError, type AppErrorCode } from "~/shared/errors";
import type { MessageDto } from "~/shared/realtime/events";
import type { ZSendBatchInput, ZSendMessageInput } from "~/shared/schemas/chat";
import { findResend, sendMessage, type SendResult } from "./send";

type SendInput = z.output<typeof ZSendMessageInput>;

export async function sendMessageLimited(senderId: string, input: SendInput): Promise<SendResult> {
  const { granted, retryAfter } = await takeTokens(messageBucket, senderId, 1);
  if (granted === 0) {
    const stored = await findResend(senderId, input.clientId, input.chatId);
    if (stored) return { message: stored, created: false };
    throw rateLimited(retryAfter, "messages");
  }
  const result = await sendMessage(senderId, input);
  if (!result.created) await returnTokens(messageBucket, senderId, 1);
  return result;
}

export type BatchItemResult =
  | { ok: true; message: MessageDto; created: boolean }
  | { ok: false; clientId: string; code: AppErrorCode; error: string; retryAfter: number | null; field: string | null };

/**
 * Sends the messages in the order given, each exactly like message.send (same checks, idempotent
 * by client id), and answers one result per message: a refused one does not stop the rest. When
 * the bucket runs short, the messages past it are answered RATE_LIMITED (unless already stored).
 */
export async function sendMessageBatch(senderId: string, input: z.output<typeof ZSendBatchInput>): Promise<BatchItemResult[]> {
  const { messages } = input;
  const { granted, retryAfter } = await takeTokens(messageBucket, senderId, messages.length);
  const results: BatchItemResult[] = [];
  let free = 0;
  try {
    for (const [index, message] of messages.entries()) {
      try {
        if (index >= granted) {
          const stored = await findResend(senderId, message.clientId, message.chatId);
          results.push(stored ? { ok: true, message: stored, created: false } : failed(message.clientId, rateLimited(retryAfter, "messages")));
          continue;
        }
        const result = await sendMessage(senderId, message);
        if (!result.created) free++;
        results.push({ ok: true, ...result });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        results.push(failed(message.clientId, error));
      }
    }
  } finally {
    await returnTokens(messageBucket, senderId, free);
  }
  return results;
}

function failed(clientId: string, error: AppError): BatchItemResult {
  return { ok: false, clientId, code: error.code, error: error.message, retryAfter: error.details.retryAfter ?? null, field: error.details.field ?? null };
}
