import { describe, expect, it } from "vitest";
import { inAppUrl, safeNextPath, signInPath } from "./safe-redirect";

const ORIGIN = "https://chat.example.com";

/** Where a browser on ORIGIN ends up after `location.assign(path)`. */
function landing(path: string): string {
  return new URL(path, ORIGIN).origin;
}

describe("safeNextPath", () => {
  it.each([
    ["/profile", "/profile"],
    ["/chat/0b7c1a4e-8d7f-4c55-9d61-1f0e3f4b9a10", "/chat/0b7c1a4e-8d7f-4c55-9d61-1f0e3f4b9a10"],
    ["/people?q=anna%2Fb#top", "/people?q=anna%2Fb#top"],
    ["/a/../profile", "/profile"],
  ])("keeps the in-app path %s (as %s)", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  // Every one of these must land on the app's own origin, whatever the normaliser makes of it.
  const hostile = [
    "//evil.example",
    "///evil.example",
    "/.//evil.example",
    "/././/evil.example",
    "/a/..//evil.example",
    "/a/b/../..//evil.example",
    "/%2e//evil.example",
    "/%2E//evil.example",
    "/%2e%2e//evil.example",
    "/.%2e//evil.example",
    "/%2f/evil.example",
    "/%2F%2Fevil.example",
    "/%5c/evil.example",
    "/%5C%5Cevil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/.\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/\u0000/evil.example",
    "https://evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "/javascript:alert(1)",
    " /\\evil.example",
    "evil.example",
    "",
    "/%",
    `/${"a".repeat(5000)}`,
  ];

  it.each(hostile)("sends %j nowhere but this site", (input) => {
    const result = safeNextPath(input);
    expect(result.startsWith("/")).toBe(true);
    expect(result).not.toMatch(/^\/[/\\]/);
    expect(landing(result)).toBe(ORIGIN);
    // Normalising once more changes nothing: no second hop escapes either.
    expect(safeNextPath(result)).toBe(result);
  });

  it("refuses the reported bypasses outright (falls back to /)", () => {
    for (const input of ["/.//evil.example", "/a/..//evil.example", "/%2e//evil.example"]) expect(safeNextPath(input)).toBe("/");
  });

  it("refuses values that are not strings", () => {
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath(["/profile", "//evil.example"])).toBe("/");
    expect(safeNextPath(42, "/chats")).toBe("/chats");
  });
});

describe("inAppUrl", () => {
  it("resolves an in-app path on the origin and anything else to the origin's root", () => {
    expect(inAppUrl("/profile?x=1", ORIGIN)).toBe(`${ORIGIN}/profile?x=1`);
    expect(inAppUrl("/.//evil.example", ORIGIN)).toBe(`${ORIGIN}/`);
    expect(inAppUrl("//evil.example", ORIGIN)).toBe(`${ORIGIN}/`);
  });
});

describe("signInPath", () => {
  it("carries only a safe path", () => {
    expect(signInPath("/profile")).toBe("/sign-in?next=%2Fprofile");
    expect(signInPath("/.//evil.example")).toBe("/sign-in?next=%2F");
  });
});
