import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CLIENT_EVENT_SCHEMAS, PRESENCE_QUERY_MAX, ZPresenceQueryInput } from "./client-events";

describe("ZPresenceQueryInput", () => {
  it("cuts a long list to the first PRESENCE_QUERY_MAX ids instead of refusing it", () => {
    const ids = Array.from({ length: PRESENCE_QUERY_MAX + 5 }, () => randomUUID());
    expect(ZPresenceQueryInput.parse({ userIds: ids }).userIds).toEqual(ids.slice(0, PRESENCE_QUERY_MAX));
  });

  it("refuses what is not a list of ids", () => {
    for (const payload of [null, {}, { userIds: "x" }, { userIds: [42] }, { userIds: ["not-an-id"] }]) {
      expect(ZPresenceQueryInput.safeParse(payload).success, JSON.stringify(payload)).toBe(false);
    }
  });
});

describe("CLIENT_EVENT_SCHEMAS", () => {
  it("checks typing and delivery payloads", () => {
    const chatId = randomUUID();
    expect(CLIENT_EVENT_SCHEMAS["typing:start"].parse({ chatId })).toEqual({ chatId });
    expect(CLIENT_EVENT_SCHEMAS["typing:stop"].safeParse({ chatId: "x" }).success).toBe(false);
    expect(CLIENT_EVENT_SCHEMAS["message:delivered"].parse({ chatId, seq: 3 })).toEqual({ chatId, seq: 3 });
    expect(CLIENT_EVENT_SCHEMAS["message:delivered"].safeParse({ chatId, seq: -1 }).success).toBe(false);
  });
});
