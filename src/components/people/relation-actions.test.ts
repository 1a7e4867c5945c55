import { describe, expect, it } from "vitest";
import { actionsFor } from "./relation-actions";

const stranger = { friend: "none", blockedByMe: false, blockedMe: false } as const;

describe("actionsFor", () => {
  it("offers what fits each friendship state, with message and block always there", () => {
    expect(actionsFor(stranger)).toEqual(["message", "request", "block"]);
    expect(actionsFor({ ...stranger, friend: "outgoing" })).toEqual(["message", "cancel", "block"]);
    expect(actionsFor({ ...stranger, friend: "incoming" })).toEqual(["message", "accept", "decline", "block"]);
    expect(actionsFor({ ...stranger, friend: "friends" })).toEqual(["message", "remove", "block"]);
  });

  it("after a block: only unblock for the blocker, only block for the blocked", () => {
    expect(actionsFor({ ...stranger, blockedByMe: true })).toEqual(["unblock"]);
    expect(actionsFor({ ...stranger, blockedMe: true })).toEqual(["block"]);
    expect(actionsFor({ ...stranger, blockedByMe: true, blockedMe: true })).toEqual(["unblock"]);
  });
});
