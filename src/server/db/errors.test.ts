import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./errors";
import { Prisma } from "./generated/client";

const known = (code: string, meta?: Record<string, unknown>) => new Prisma.PrismaClientKnownRequestError("failed", { code, clientVersion: "6", meta });
const pgError = (code: string, message = "failed") => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["connection refused", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["refused on every address", new AggregateError([pgError("ECONNREFUSED")], "connect failed")],
    ["admin shutdown 57P01", pgError("57P01", "terminating connection due to administrator command")],
    ["cannot_connect_now 57P03", pgError("57P03", "the database system is starting up")],
    ["class 08", pgError("08006")],
    ["connection terminated", new Error("Connection terminated unexpectedly")],
    ["pool timeout", new Error("timeout exceeded when trying to connect")],
    ["Prisma can't reach", known("P1001")],
    ["Prisma pool timeout", known("P2024")],
    ["driver adapter: connection closed", known("P2010", { driverAdapterError: { cause: { kind: "ConnectionClosed" } } })],
    ["driver adapter: postgres 57P01", known("P2010", { driverAdapterError: { cause: { kind: "postgres", originalCode: "57P01" } } })],
    ["wrapped as a cause", new Error("query failed", { cause: pgError("57P01") })],
  ])("%s → unavailable", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["unique violation", known("P2002", { driverAdapterError: { cause: { kind: "UniqueConstraintViolation", originalCode: "23505" } } })],
    ["record not found", known("P2025")],
    ["syntax error", pgError("42601")],
    ["a plain bug", new TypeError("x is undefined")],
    ["nothing", undefined],
  ])("%s → not unavailable", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
