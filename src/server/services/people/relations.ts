// How two people stand: friendship (either direction) and blocks (each direction separately).
import { db, type Friendship } from "~/server/db";
import { blocksOf } from "../core/blocks";
import { pairKey } from "../core/pair";

export type FriendState = "none" | "outgoing" | "incoming" | "friends";

export interface Relation {
  friend: FriendState;
  blockedByMe: boolean;
  blockedMe: boolean;
}

export function friendStateOf(row: Pick<Friendship, "status" | "requesterId"> | null, me: string): FriendState {
  if (!row || row.status === "REJECTED") return row?.status === "REJECTED" && row.requesterId === me ? "outgoing" : "none";
  if (row.status === "ACCEPTED") return "friends";
  return row.requesterId === me ? "outgoing" : "incoming";
}

export async function relationBetween(me: string, other: string): Promise<Relation> {
  const [friendship, blocks] = await Promise.all([db.friendship.findUnique({ where: { userLowId_userHighId: pairKey(me, other) } }), blocksOf(me, [other])]);
  return { friend: friendStateOf(friendship, me), blockedByMe: blocks.byMe.has(other), blockedMe: blocks.byThem.has(other) };
}
