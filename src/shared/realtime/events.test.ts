import { describe, expect, it } from "vitest";
import { PUBLISHED_EVENTS, SERVER_EVENTS, SIDECAR_ONLY_EVENTS } from "./events";

// That the lists and ServerToClientEvents name the same events is checked by the compiler
// (events.ts); a name written twice in one list is not, so it is checked here.
describe("server event lists", () => {
  it("name every event once", () => {
    expect(new Set(SERVER_EVENTS).size).toBe(SERVER_EVENTS.length);
    expect(SERVER_EVENTS).toHaveLength(PUBLISHED_EVENTS.length + SIDECAR_ONLY_EVENTS.length);
  });

  it("let the app publish everything but the sidecar's own shutdown notice", () => {
    expect(SIDECAR_ONLY_EVENTS).toEqual(["server:shutdown"]);
    expect(PUBLISHED_EVENTS).toContain("sync:required");
    expect(PUBLISHED_EVENTS).not.toContain("server:shutdown");
  });
});
