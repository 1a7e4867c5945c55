import { describe, expect, it } from "vitest";
import { isUserCache } from "./service-worker";

describe("isUserCache", () => {
  it("counts the pages caches as the person's, not the build assets or other apps' caches", () => {
    expect(isUserCache("bm-pages-0c49491383d3")).toBe(true);
    expect(isUserCache("bm-precache-0c49491383d3")).toBe(false);
    expect(isUserCache("bm-static")).toBe(false);
    expect(isUserCache("workbox-precache-v2")).toBe(false);
  });
});
