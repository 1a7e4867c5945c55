import { describe, expect, it } from "vitest";
import { requestIdFrom } from "./request-id";

describe("requestIdFrom", () => {
  it("keeps a proxy's safe id and replaces a missing, oversized or unsafe one", () => {
    expect(requestIdFrom(new Headers({ "x-request-id": "abc-123.def:4" }))).toBe("abc-123.def:4");
    for (const headers of [new Headers(), new Headers({ "x-request-id": "a".repeat(129) }), new Headers({ "x-request-id": 'x" injected\\n' })]) {
      expect(requestIdFrom(headers)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
