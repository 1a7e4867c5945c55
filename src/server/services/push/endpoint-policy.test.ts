import { describe, expect, it } from "vitest";
import { assertPushEndpoint, isInternalAddress } from "./endpoint-policy";

describe("push endpoint policy", () => {
  it("accepts public https endpoints", () => {
    expect(assertPushEndpoint("https://fcm.googleapis.com/fcm/send/abc", false).host).toBe("fcm.googleapis.com");
    expect(assertPushEndpoint("https://203.0.113.9/push", false).hostname).toBe("203.0.113.9");
  });

  it("refuses http, credentials and internal hosts or addresses", () => {
    for (const endpoint of [
      "http://fcm.googleapis.com/x",
      "https://user:pw@push.example.com/x",
      "https://localhost/x",
      "https://127.0.0.1:8080/x",
      "https://10.1.2.3/x",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/x",
      "https://[::ffff:192.168.0.1]/x",
      "https://[fd00::1]/x",
      "https://metadata/x",
      "https://db.internal/x",
    ]) {
      expect(() => assertPushEndpoint(endpoint, false), endpoint).toThrow(/cannot be used/);
    }
  });

  it("with private endpoints allowed, takes http on loopback only", () => {
    expect(assertPushEndpoint("http://127.0.0.1:4000/push/a", true).port).toBe("4000");
    expect(() => assertPushEndpoint("http://push.example.com/x", true)).toThrow(/https/);
  });

  it("classifies resolved addresses", () => {
    expect(isInternalAddress("172.16.5.4")).toBe(true);
    expect(isInternalAddress("100.64.0.1")).toBe(true);
    expect(isInternalAddress("::ffff:127.0.0.1")).toBe(true);
    expect(isInternalAddress("142.250.74.110")).toBe(false);
    expect(isInternalAddress("2a00:1450:4001:82b::200a")).toBe(false);
  });
});
