// Blocks, one row per direction: who blocked whom, the SQL test of one block, and the refusal a
// block answers with.
import { empty, query, sql, type Sql } from "~/server/db/sql";
import { AppError } from "~/shared/errors";

export interface Blocks {
  /** People `me` blocked. */
  byMe: Set<string>;
  /** People who blocked `me`. */
  byThem: Set<string>;
}

/** The blocks between `me` and `others` (or everyone, when `others` is omitted), each direction apart. */
export async function blocksOf(me: string, others?: string[]): Promise<Blocks> {
  if (others?.length === 0) return { byMe: new Set(), byThem: new Set() };
  const among = (column: Sql) => (others ? sql`AND ${column} = ANY(${others}::uuid[])` : empty);
  const rows = await query<{ blockerId: string; blockedId: string }>(sql`
    SELECT blocker_id AS "blockerId", blocked_id AS "blockedId" FROM user_blocks
    WHERE (blocker_id = ${me}::uuid ${among(sql`blocked_id`)}) OR (blocked_id = ${me}::uuid ${among(sql`blocker_id`)})`);
  return {
    byMe: new Set(rows.filter((row) => row.blockerId === me).map((row) => row.blockedId)),
    byThem: new Set(rows.filter((row) => row.blockedId === me).map((row) => row.blockerId)),
  };
}

/** Ids among `others` who blocked `me` or whom `me` blocked. */
export async function blockedEitherWay(me: string, others: string[]): Promise<Set<string>> {
  const { byMe, byThem } = await blocksOf(me, others);
  return new Set([...byMe, ...byThem]);
}

/** SQL: whether `blocker` blocked `blocked` (each a column or a `${id}::uuid` parameter). */
export function hasBlocked(blocker: Sql, blocked: Sql): Sql {
  return sql`EXISTS (SELECT 1 FROM user_blocks b WHERE b.blocker_id = ${blocker} AND b.blocked_id = ${blocked})`;
}

/** What writing to someone across a block answers. */
const WRITE_BLOCKED = {
  byMe: "You blocked this person: unblock them to write",
  byThem: "This person does not accept messages from you",
};

/** Throws BLOCKED_BY_YOU / BLOCKED_BY_THEM when a block stands between the two, with `text`'s words. */
export function assertNoBlock(relation: { blockedByMe: boolean; blockedMe: boolean }, text: { byMe: string; byThem: string } = WRITE_BLOCKED): void {
  if (relation.blockedByMe) throw new AppError("BLOCKED_BY_YOU", text.byMe);
  if (relation.blockedMe) throw new AppError("BLOCKED_BY_THEM", text.byThem);
}
