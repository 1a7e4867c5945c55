// Logs are JSON lines with level, time and msg, and never carry a password, token, cookie or message text.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { logger: createLogger(stream, "info"), lines };
}

describe("logger", () => {
  it("writes one JSON object per line with level, time, msg and the bound request id", () => {
    const { logger, lines } = capture();
    logger.child({ requestId: "req-1" }).info({ procedure: "message.send" }, "trpc call");
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 30, msg: "trpc call", requestId: "req-1", procedure: "message.send" });
    expect(new Date(entry.time as string).getTime()).toBeGreaterThan(0);
  });

  it("redacts passwords, tokens, cookies and message text at any of three levels, also on an error", () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error("sign-in failed"), { password: "hunter2-secret" });
    logger.error(
      {
        err: error,
        password: "pw-top-level",
        input: { newPassword: "pw-nested", token: "tok-nested", content: "my private message" },
        req: { headers: { cookie: "bm_at=cookie-secret", authorization: "Bearer bearer-secret", "set-cookie": "bm_rt=rt-secret" } },
        refreshToken: "rt-top-level",
      },
      "failed",
    );
    const text = lines.join("\n");
    for (const secret of ["hunter2-secret", "pw-top-level", "pw-nested", "tok-nested", "my private message", "cookie-secret", "bearer-secret", "rt-secret", "rt-top-level"]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("sign-in failed");
    expect(text).toContain("[redacted]");
  });

  it("drops what is below the level", () => {
    const { logger, lines } = capture();
    logger.debug("hidden");
    expect(lines).toEqual([]);
  });
});
