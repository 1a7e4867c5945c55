// People search by nickname or display name: partial, case-insensitive, any script, served by the
// trigram index on users.search_name. Excludes banned and deleted accounts, and people who
// blocked the searcher.
import { db } from "~/server/db";
import { query, raw, sql, type Sql } from "~/server/db/sql";
import { hasBlocked } from "../core/blocks";
import { pairKey } from "../core/pair";
import { liveUserSql, PERSON_SELECT, toPerson, type Person } from "../core/person";
import { friendStateOf, type FriendState } from "./relations";

export interface SearchInput {
  query: string;
  limit: number;
  offset: number;
}

/** Escapes LIKE's wildcards so "50%" and "a_b" match literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** The SQL the search runs (exported so a test can EXPLAIN it on a large table). */
export function searchSql(me: string, text: string, limit: number, offset: number): Sql {
  const q = text.trim().toLowerCase();
  const anywhere = `%${escapeLike(q)}%`;
  const wordStart = `% ${escapeLike(q)}%`;
  return sql`
    SELECT u.id FROM users u
    WHERE u.search_name LIKE ${anywhere}
      AND ${liveUserSql("u")} AND u.id <> ${me}::uuid
      AND NOT ${hasBlocked(raw("u.id"), sql`${me}::uuid`)}
    ORDER BY (u.username = ${q}) DESC,
             (' ' || u.search_name) LIKE ${wordStart} DESC,
             similarity(u.search_name, ${q}) DESC,
             u.username
    LIMIT ${limit} OFFSET ${offset}`;
}

export async function searchPeople(me: string, input: SearchInput): Promise<{ people: Array<Person & { friend: FriendState }>; hasMore: boolean }> {
  const rows = await query<{ id: string }>(searchSql(me, input.query, input.limit + 1, input.offset));
  const ids = rows.slice(0, input.limit).map((row) => row.id);
  if (ids.length === 0) return { people: [], hasMore: false };
  const [users, friendships] = await Promise.all([
    db.user.findMany({ where: { id: { in: ids } }, select: PERSON_SELECT }),
    db.friendship.findMany({ where: { OR: ids.map((id) => pairKey(me, id)) } }),
  ]);
  const byId = new Map(users.map((user) => [user.id, user]));
  const friendship = new Map(friendships.map((row) => [row.userLowId === me ? row.userHighId : row.userLowId, row]));
  return {
    people: ids.map((id) => ({ ...toPerson(byId.get(id)!), friend: friendStateOf(friendship.get(id) ?? null, me) })),
    hasMore: rows.length > input.limit,
  };
}
