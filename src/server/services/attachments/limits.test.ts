import { describe, expect, it } from "vitest";
import { formatBytes } from "./limits";

describe("formatBytes", () => {
  it("reads as a person would say it: KB below a megabyte, MB below a gigabyte, GB above, one decimal under ten", () => {
    expect(formatBytes(25 * 1024 * 1024)).toBe("25 MB");
    expect(formatBytes(1.5 * 1024 * 1024)).toBe("1.5 MB");
    expect(formatBytes(1024 * 1024 * 1024 - 1000)).toBe("1 GB");
    expect(formatBytes(2.25 * 1024 * 1024 * 1024)).toBe("2.3 GB");
    expect(formatBytes(1000)).toBe("1 KB");
    expect(formatBytes(600 * 1024)).toBe("600 KB");
  });
});
