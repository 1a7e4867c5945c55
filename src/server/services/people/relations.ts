// How two people stand: friendship (either direction) and blocks (each direction separately).
import { db, type Friendship } from "~/server/db";
import { query, sql } from "~/server/db/sql";

export type FriendState = "none" | "outgoing" | "incoming" | "friends";

export interface Relation {
  friend: FriendState;
  blockedByMe: boolean;
  blockedMe: boolean;
}

/** The friendship row's key: one row per unordered pair. */
export function pairKey(a: string, b: string) {
  return a < b ? { userLowId: a, userHighId: b } : { userLowId: b, userHighId: a };
}

export function friendStateOf(row: Pick<Friendship, "status" | "requesterId"> | null, me: string): FriendState {
  if (!row || row.status === "REJECTED") return row?.status === "REJECTED" && row.requesterId === me ? "outgoing" : "none";
  if (row.status === "ACCEPTED") return "friends";
  return row.requesterId === me ? "outgoing" : "incoming";
}

export async function relationBetween(me: string, other: string): Promise<Relation> {
  const [friendship, blocks] = await Promise.all([
    db.friendship.findUnique({ where: { userLowId_userHighId: pairKey(me, other) } }),
    db.userBlock.findMany({ where: { OR: [{ blockerId: me, blockedId: other }, { blockerId: other, blockedId: me }] } }),
  ]);
  return {
    friend: friendStateOf(friendship, me),
    blockedByMe: blocks.some((block) => block.blockerId === me),
    blockedMe: blocks.some((block) => block.blockerId === other),
  };
}

export async function areFriends(a: string, b: string): Promise<boolean> {
  const row = await db.friendship.findUnique({ where: { userLowId_userHighId: pairKey(a, b) }, select: { status: true } });
  return row?.status === "ACCEPTED";
}

/** Ids among `others` who blocked `me` or whom `me` blocked. */
export async function blockedEitherWay(me: string, others: string[]): Promise<Set<string>> {
  if (others.length === 0) return new Set();
  const rows = await query<{ id: string }>(sql`
    SELECT blocked_id AS id FROM user_blocks WHERE blocker_id = ${me}::uuid AND blocked_id = ANY(${others}::uuid[])
    UNION SELECT blocker_id FROM user_blocks WHERE blocked_id = ${me}::uuid AND blocker_id = ANY(${others}::uuid[])`);
  return new Set(rows.map((row) => row.id));
}
