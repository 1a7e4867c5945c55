import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import type { AttachmentDto } from "~/shared/realtime/events";
import type { OutboxItem } from "./outbox-store";
import { classifySendError, outboxTransport, SendRefusedError } from "./outbox-transport";

const failure = (httpStatus: number, code: string, appCode: string | null = null) =>
  new TRPCClientError("failed", { result: { error: { message: "failed", code: -32603, data: { httpStatus, code, appCode } } } });

describe("classifySendError", () => {
  it("keeps a message for later when the service is unavailable (503), as for a network error", () => {
    expect(classifySendError(failure(503, "SERVICE_UNAVAILABLE", "SERVICE_UNAVAILABLE"))).toEqual({ kind: "retry", code: "SERVICE_UNAVAILABLE" });
    expect(classifySendError(new TypeError("Failed to fetch"))).toEqual({ kind: "retry", code: "NETWORK" });
  });

  it("gives up on a refusal", () => {
    expect(classifySendError(failure(403, "FORBIDDEN", "BLOCKED_BY_THEM")).kind).toBe("fatal");
  });
});

describe("classifySendError: per-message refusals of a batch", () => {
  it("waits the server's retryAfter for a rate limit, and retries an unavailable service", () => {
    expect(classifySendError(new SendRefusedError("RATE_LIMITED", "slow down", 3))).toEqual({ kind: "retry", code: "RATE_LIMITED", retryAfterMs: 3000 });
    expect(classifySendError(new SendRefusedError("SERVICE_UNAVAILABLE", "db down", null))).toEqual({ kind: "retry", code: "SERVICE_UNAVAILABLE", retryAfterMs: undefined });
  });

  it("gives up on a message the server will never take", () => {
    expect(classifySendError(new SendRefusedError("NOT_A_MEMBER", "no", null))).toEqual({ kind: "fatal", code: "NOT_A_MEMBER" });
  });
});

describe("classifySendError: whole-call failures", () => {
  it("retries a rate limit (429) after its retryAfter, and a lapsed session (401) or a timeout (408)", () => {
    const limited = new TRPCClientError("slow", { result: { error: { message: "slow", code: -32029, data: { httpStatus: 429, code: "TOO_MANY_REQUESTS", appCode: "RATE_LIMITED", retryAfter: 2 } } } });
    expect(classifySendError(limited)).toEqual({ kind: "retry", code: "RATE_LIMITED", retryAfterMs: 2000 });
    expect(classifySendError(failure(401, "UNAUTHORIZED")).kind).toBe("retry");
    expect(classifySendError(failure(408, "TIMEOUT")).kind).toBe("retry");
  });

  it("names the tRPC code when there is no app code", () => {
    expect(classifySendError(failure(400, "BAD_REQUEST"))).toEqual({ kind: "fatal", code: "BAD_REQUEST" });
  });
});

describe("outboxTransport", () => {
  it("sends a message's stored attachments by id, in order, with the caption", async () => {
    const calls: unknown[] = [];
    const api = {
      message: {
        send: { mutate: (input: unknown) => (calls.push(input), Promise.resolve({ message: {} })) },
        sendBatch: { mutate: (input: unknown) => (calls.push(input), Promise.resolve([])) },
      },
    } as unknown as Parameters<typeof outboxTransport>[0];
    const transport = outboxTransport(api);
    const attachment = (id: string) => ({ id }) as AttachmentDto;
    const item: OutboxItem = { clientId: "c1", chatId: "chat", content: "look", createdAt: 1, status: "pending", attachments: [attachment("a2"), attachment("a1")] };
    await transport.send(item);
    await transport.sendBatch!([item, { ...item, clientId: "c2", content: "text only", attachments: undefined }]);
    expect(calls).toEqual([
      { chatId: "chat", clientId: "c1", content: "look", attachmentIds: ["a2", "a1"] },
      {
        messages: [
          { chatId: "chat", clientId: "c1", content: "look", attachmentIds: ["a2", "a1"] },
          { chatId: "chat", clientId: "c2", content: "text only", attachmentIds: [] },
        ],
      },
    ]);
  });
});
