// The rules blocks and privacy settings impose on starting chats and adding people to groups.
import { db } from "~/server/db";
import { AppError } from "~/shared/errors";
import { friendIds } from "./friends";
import { assertNoBlock, blockedEitherWay } from "../core/blocks";
import { relationBetween } from "./relations";

/** May `me` start a direct chat with `other`? (An existing chat is governed by blocks alone.) */
export async function assertMayStartChat(me: string, other: string): Promise<void> {
  const relation = await relationBetween(me, other);
  assertNoBlock(relation);
  const target = await db.user.findUnique({ where: { id: other }, select: { messagePolicy: true } });
  if (target?.messagePolicy === "FRIENDS" && relation.friend !== "friends") {
    throw new AppError("FRIENDS_ONLY", "This person accepts new chats from friends only");
  }
}

/** May `actor` add each of `userIds` to a group? */
export async function assertMayAddToGroup(actor: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  const [blocked, friends, users] = await Promise.all([
    blockedEitherWay(actor, userIds),
    friendIds(actor),
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, groupInvitePolicy: true } }),
  ]);
  if (blocked.size > 0) throw new AppError("BLOCKED_BY_THEM", "Someone you chose cannot be added by you", { field: "userIds" });
  const friendSet = new Set(friends);
  if (users.some((user) => user.groupInvitePolicy === "FRIENDS" && !friendSet.has(user.id))) {
    throw new AppError("FRIENDS_ONLY", "Someone you chose accepts group invitations from friends only", { field: "userIds" });
  }
}
