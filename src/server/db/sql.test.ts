import { describe, expect, it } from "vitest";
import { empty, raw, sql, toStatement } from "./sql";

describe("sql", () => {
  it("turns values into numbered parameters, never into the text", () => {
    const name = "Robert'); DROP TABLE users;--";
    expect(toStatement(sql`SELECT * FROM users WHERE username = ${name} AND id <> ${"x"}`)).toEqual({
      text: "SELECT * FROM users WHERE username = $1 AND id <> $2",
      values: [name, "x"],
    });
  });

  it("inlines nested fragments and raw text, numbering their values in order", () => {
    const before = sql`AND seq < ${10}`;
    const statement = toStatement(sql`SELECT ${raw("m.id")} FROM messages m WHERE chat_id = ${"c"} ${before} LIMIT ${51}`);
    expect(statement).toEqual({ text: "SELECT m.id FROM messages m WHERE chat_id = $1 AND seq < $2 LIMIT $3", values: ["c", 10, 51] });
    expect(toStatement(sql`SELECT 1 ${empty}`)).toEqual({ text: "SELECT 1 ", values: [] });
  });
});
