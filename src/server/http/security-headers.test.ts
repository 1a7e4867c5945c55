import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, realtimeConnectSources, strictTransportSecurity } from "./security-headers";

function directive(csp: string, name: string): string | undefined {
  return csp.split("; ").find((part) => part === name || part.startsWith(`${name} `));
}

describe("realtimeConnectSources", () => {
  it("allows one URL in its http and ws forms", () => {
    expect(realtimeConnectSources("http://localhost:3001")).toEqual(["http://localhost:3001", "ws://localhost:3001"]);
    expect(realtimeConnectSources("https://rt.chat.example.com/")).toEqual(["https://rt.chat.example.com", "wss://rt.chat.example.com"]);
  });

  it("accepts a comma-separated list, or a parsed list, and ws:/wss: URLs", () => {
    const expected = ["https://rt1.example.com", "wss://rt1.example.com", "https://rt2.example.com:8443", "wss://rt2.example.com:8443"];
    expect(realtimeConnectSources("https://rt1.example.com, wss://rt2.example.com:8443")).toEqual(expected);
    expect(realtimeConnectSources(["wss://rt1.example.com", "https://rt2.example.com:8443/socket"])).toEqual(expected);
  });

  it("skips what is not an http(s)/ws(s) URL and repeats nothing", () => {
    expect(realtimeConnectSources("javascript:alert(1),,http://a.test,http://a.test/x, not a url")).toEqual(["http://a.test", "ws://a.test"]);
  });
});

describe("contentSecurityPolicy", () => {
  const base = { nonce: "abc123==", realtimeUrls: "http://localhost:3001", dev: false, https: false };

  it("allows scripts by nonce only, forbids framing, plugins, base and foreign form targets", () => {
    const csp = contentSecurityPolicy(base);
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
    expect(directive(csp, "base-uri")).toBe("base-uri 'self'");
    expect(directive(csp, "form-action")).toBe("form-action 'self'");
    expect(directive(csp, "connect-src")).toBe("connect-src 'self' http://localhost:3001 ws://localhost:3001");
    expect(csp).not.toContain("unsafe-eval");
    expect(directive(csp, "upgrade-insecure-requests")).toBeUndefined();
  });

  it("adds 'unsafe-eval' in development only, upgrade-insecure-requests over https only", () => {
    expect(directive(contentSecurityPolicy({ ...base, dev: true }), "script-src")).toContain("'unsafe-eval'");
    expect(directive(contentSecurityPolicy({ ...base, https: true }), "upgrade-insecure-requests")).toBeDefined();
  });

  it("lets pages upload to and load files from the file store's origin, and play recorded audio", () => {
    expect(directive(contentSecurityPolicy(base), "media-src")).toBe("media-src 'self' blob:");
    const csp = contentSecurityPolicy({ ...base, storageOrigins: ["http://minio:9000"] });
    expect(directive(csp, "connect-src")).toBe("connect-src 'self' http://localhost:3001 ws://localhost:3001 http://minio:9000");
    expect(directive(csp, "img-src")).toBe("img-src 'self' data: blob: https: http://minio:9000");
    expect(directive(csp, "media-src")).toBe("media-src 'self' blob: http://minio:9000");
  });

  it("lists every realtime URL of a list", () => {
    const csp = contentSecurityPolicy({ ...base, realtimeUrls: "https://rt1.example.com,https://rt2.example.com" });
    expect(directive(csp, "connect-src")).toBe("connect-src 'self' https://rt1.example.com wss://rt1.example.com https://rt2.example.com wss://rt2.example.com");
  });
});

describe("newNonce", () => {
  it("is base64 of 16 random bytes, different each time", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });
});

describe("strictTransportSecurity", () => {
  it("is sent for an https APP_URL only", () => {
    expect(strictTransportSecurity("https://chat.example.com")).toBe("max-age=31536000");
    expect(strictTransportSecurity("http://localhost:3000")).toBeNull();
  });
});
