import { describe, expect, it } from "vitest";
import { sidecarRotation } from "./connection";

describe("sidecarRotation", () => {
  it("starts at a random sidecar and goes round the list", () => {
    const rotation = sidecarRotation(["http://a", "http://b", "http://c"], () => 0.5);
    expect(rotation.current()).toBe("http://b");
    expect([rotation.next(), rotation.next(), rotation.next()]).toEqual(["http://c", "http://a", "http://b"]);
  });

  it("stays on a single URL (a load balancer)", () => {
    const rotation = sidecarRotation(["http://lb"]);
    expect([rotation.current(), rotation.next(), rotation.next()]).toEqual(["http://lb", "http://lb", "http://lb"]);
  });
});

