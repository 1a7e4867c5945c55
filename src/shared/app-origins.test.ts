import { describe, expect, it } from "vitest";
import { appOrigins } from "./app-origins";

describe("appOrigins", () => {
  it("is APP_URL's origin alone for a public host", () => {
    expect(appOrigins("https://chat.example.com/")).toEqual(["https://chat.example.com"]);
    expect(appOrigins("http://192.168.1.5:3000")).toEqual(["http://192.168.1.5:3000"]);
  });

  it("adds the other loopback names, same scheme and port, for a loopback APP_URL", () => {
    expect(appOrigins("http://localhost:3000")).toEqual(["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"]);
    expect(appOrigins("http://127.0.0.1:3200/")).toContain("http://localhost:3200");
    expect(appOrigins("http://localhost:3000")).not.toContain("http://localhost:3001");
  });
});
