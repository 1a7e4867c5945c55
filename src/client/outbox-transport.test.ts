import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { classifySendError } from "./outbox-transport";

const failure = (httpStatus: number, code: string, appCode: string | null = null) =>
  new TRPCClientError("failed", { result: { error: { message: "failed", code: -32603, data: { httpStatus, code, appCode } } } } as never);

describe("classifySendError", () => {
  it("keeps a message for later when the service is unavailable (503), as for a network error", () => {
    expect(classifySendError(failure(503, "SERVICE_UNAVAILABLE", "SERVICE_UNAVAILABLE"))).toEqual({ kind: "retry", code: "SERVICE_UNAVAILABLE" });
    expect(classifySendError(new TypeError("Failed to fetch"))).toEqual({ kind: "retry", code: "NETWORK" });
  });

  it("gives up on a refusal", () => {
    expect(classifySendError(failure(403, "FORBIDDEN", "BLOCKED_BY_THEM")).kind).toBe("fatal");
  });
});
