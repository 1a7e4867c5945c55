import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError } from "~/shared/errors";
import type { RealtimeSocket } from "../types";
import { onClientEvent } from "./client-event";

type Listener = (payload: unknown, ack?: (result: unknown) => void) => Promise<void>;

/** A socket that only records its listeners, and a way to send it an event and get the ack. */
function fakeSocket() {
  const listeners = new Map<string, Listener>();
  const socket = { on: (event: string, listener: Listener) => listeners.set(event, listener) } as unknown as RealtimeSocket;
  const send = async (event: string, payload: unknown) => {
    const answers: unknown[] = [];
    await listeners.get(event)!(payload, (result) => answers.push(result));
    return answers;
  };
  return { socket, send, listeners };
}

describe("onClientEvent", () => {
  const chatId = randomUUID();

  it("hands the parsed payload to the handler and acks its result", async () => {
    const { socket, send } = fakeSocket();
    const seen: unknown[] = [];
    onClientEvent(socket, "message:delivered", (payload) => {
      seen.push(payload);
      return Promise.resolve({ ok: true });
    });
    expect(await send("message:delivered", { chatId, seq: 4, extra: "dropped" })).toEqual([{ ok: true }]);
    expect(seen).toEqual([{ chatId, seq: 4 }]);
  });

  it("answers BAD_REQUEST without calling the handler when the schema refuses the payload", async () => {
    const { socket, send } = fakeSocket();
    let calls = 0;
    onClientEvent(socket, "typing:start", () => {
      calls++;
      return Promise.resolve({ ok: true });
    });
    expect(await send("typing:start", { chatId: "not-an-id" })).toEqual([{ ok: false, code: "BAD_REQUEST" }]);
    expect(await send("typing:start", null)).toEqual([{ ok: false, code: "BAD_REQUEST" }]);
    expect(calls).toBe(0);
  });

  it("answers a domain error with its code and anything else with INTERNAL", async () => {
    const { socket, send } = fakeSocket();
    onClientEvent(socket, "typing:start", () => Promise.reject(new AppError("NOT_FOUND", "no such chat")));
    onClientEvent(socket, "typing:stop", () => Promise.reject(new Error("database gone")));
    expect(await send("typing:start", { chatId })).toEqual([{ ok: false, code: "NOT_FOUND" }]);
    expect(await send("typing:stop", { chatId })).toEqual([{ ok: false, code: "INTERNAL" }]);
  });

  it("still does the work when the client sent no ack", async () => {
    const { socket, listeners } = fakeSocket();
    let calls = 0;
    onClientEvent(socket, "typing:stop", () => {
      calls++;
      return Promise.resolve({ ok: true });
    });
    await listeners.get("typing:stop")!({ chatId });
    expect(calls).toBe(1);
  });
});
