// Who may see whose presence and last seen: people who share a chat or are friends, unless a block
// stands between them, and as the person's "last seen" setting allows (everyone / friends / nobody).
import type { LastSeenVisibility } from "~/server/db";
import { query, sql } from "~/server/db/sql";
import { blockedEitherWay } from "../core/blocks";
import { chatPartnerIds } from "../core/chat-access";
import { friendIds } from "./friends";

function allowed(policy: LastSeenVisibility, isFriend: boolean): boolean {
  return policy === "EVERYONE" || (policy === "FRIENDS" && isFriend);
}

/** Everyone who may see `userId` come online and go offline. */
export async function presenceAudience(userId: string): Promise<string[]> {
  const [user] = await query<{ lastSeenVisibility: LastSeenVisibility }>(sql`SELECT last_seen_visibility AS "lastSeenVisibility" FROM users WHERE id = ${userId}::uuid`);
  if (!user || user.lastSeenVisibility === "NOBODY") return [];
  const [partners, friends] = await Promise.all([chatPartnerIds(userId), friendIds(userId)]);
  const friendSet = new Set(friends);
  const candidates = [...new Set([...partners, ...friends])].filter((id) => allowed(user.lastSeenVisibility, friendSet.has(id)));
  const blocked = await blockedEitherWay(userId, candidates);
  return candidates.filter((id) => !blocked.has(id));
}

/** Of `targetIds`, those whose presence `viewerId` may see. */
export async function visiblePresence(viewerId: string, targetIds: string[]): Promise<string[]> {
  const [partners, friends] = await Promise.all([chatPartnerIds(viewerId), friendIds(viewerId)]);
  const known = new Set([...partners, ...friends]);
  const friendSet = new Set(friends);
  const candidates = [...new Set(targetIds)].filter((id) => known.has(id));
  if (candidates.length === 0) return [];
  const [blocked, users] = await Promise.all([
    blockedEitherWay(viewerId, candidates),
    query<{ id: string; lastSeenVisibility: LastSeenVisibility }>(sql`SELECT id, last_seen_visibility AS "lastSeenVisibility" FROM users WHERE id = ANY(${candidates}::uuid[])`),
  ]);
  return users.filter((user) => !blocked.has(user.id) && allowed(user.lastSeenVisibility, friendSet.has(user.id))).map((user) => user.id);
}

/** Whether `viewerId` may see `target`'s last-seen time on their profile. */
export function canSeeLastSeen(viewerId: string, target: { id: string; lastSeenVisibility: LastSeenVisibility }, relation: { friend: string; blockedByMe: boolean; blockedMe: boolean }): boolean {
  if (viewerId === target.id) return true;
  if (relation.blockedByMe || relation.blockedMe) return false;
  return allowed(target.lastSeenVisibility, relation.friend === "friends");
}
