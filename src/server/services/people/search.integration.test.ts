import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { query, sql } from "~/server/db/sql";
import { expectTRPCError, registerUser } from "../../../../test/trpc";
import { searchSql } from "./search";

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

describe("people.search", () => {
  it("finds partial, case-insensitive matches in Cyrillic and Latin, best matches first", async () => {
    const tag = Math.random().toString(36).slice(2, 7);
    const [me, anna, annabel, joanna] = await Promise.all([
      registerUser(),
      registerUser({ displayName: "Анна Каренина", username: `karenina_${tag}` }),
      registerUser({ displayName: "Annabel Lee", username: `annabel_${tag}` }),
      registerUser({ displayName: "Joanna", username: `jo_${tag}` }),
    ]);
    const search = async (text: string) => (await me.call().people.search({ query: text })).people.map((person) => person.id);

    expect(await search("анн")).toContain(anna.user.id);
    expect(await search("АНН")).toContain(anna.user.id);
    expect(await search("карен")).toContain(anna.user.id);
    const ann = await search(`ann`);
    expect(ann).toEqual(expect.arrayContaining([annabel.user.id, joanna.user.id]));
    // A word that starts with the text ranks above a match inside a word.
    expect(ann.indexOf(annabel.user.id)).toBeLessThan(ann.indexOf(joanna.user.id));
    // An exact nickname comes first.
    expect((await search(`annabel_${tag}`))[0]).toBe(annabel.user.id);
    expect(await search(tag)).not.toContain(me.user.id);
  });

  it("excludes banned and deleted accounts, and treats % and _ literally", async () => {
    const tag = Math.random().toString(36).slice(2, 7);
    const [me, banned, deleted] = await Promise.all([registerUser(), registerUser({ displayName: `Ban ${tag}` }), registerUser({ displayName: `Gone ${tag}` })]);
    await db.user.update({ where: { id: banned.user.id }, data: { banned: true } });
    await deleted.call().account.deleteAccount({ password: deleted.input.password });
    expect((await me.call().people.search({ query: tag })).people).toEqual([]);
    expect((await me.call().people.search({ query: "%%" })).people).toEqual([]);
  });

  it("pages through results and validates the query", async () => {
    const tag = `pg${Math.random().toString(36).slice(2, 6)}`;
    const me = await registerUser();
    await Promise.all(Array.from({ length: 5 }, (_, index) => registerUser({ displayName: `${tag} person ${index}` })));
    const first = await me.call().people.search({ query: tag, limit: 3 });
    const second = await me.call().people.search({ query: tag, limit: 3, offset: 3 });
    expect(first.people).toHaveLength(3);
    expect(first.hasMore).toBe(true);
    expect(second.people).toHaveLength(2);
    expect(second.hasMore).toBe(false);
    expect(new Set([...first.people, ...second.people].map((person) => person.id)).size).toBe(5);
    await expectTRPCError(me.call().people.search({ query: "a" }), "BAD_REQUEST");
    await expectTRPCError(me.call().people.search({ query: "x".repeat(65) }), "BAD_REQUEST");
  });

  it("on 100,000 users the query is served by the trigram index, not a sequential scan", async () => {
    await query(sql`
      INSERT INTO users (id, username, password_hash, display_name, search_name, updated_at)
      SELECT gen_random_uuid(), 'seed_' || i, '!', 'Person ' || md5(i::text),
             lower('seed_' || i || ' person ' || md5(i::text)), now()
      FROM generate_series(1, 100000) AS i`);
    await query(sql`ANALYZE users`);
    expect(await db.user.count()).toBeGreaterThanOrEqual(100_000);

    for (const text of ["анн", "seed_4242", "person 7f"]) {
      const plan = await query<{ "QUERY PLAN": unknown }>(sql`EXPLAIN (FORMAT JSON) ${searchSql("00000000-0000-0000-0000-000000000000", text, 21, 0)}`);
      const nodes = planNodes((plan[0]!["QUERY PLAN"] as Array<{ Plan: PlanNode }>)[0]!.Plan);
      const onUsers = nodes.filter((node) => node["Relation Name"] === "users");
      expect(onUsers.map((node) => node["Node Type"]), `plan for "${text}"`).not.toContain("Seq Scan");
      expect(nodes.some((node) => node["Index Name"] === "users_search_name_trgm_idx"), `plan for "${text}"`).toBe(true);
    }
  });
});
