// "Last seen": recorded when a user's last socket closes (the sidecar calls this), and read for the
// people a viewer may see, as chats, friendships, blocks and each person's setting allow.
import { db } from "~/server/db";
import { visiblePresence } from "../people/visibility";

export interface LastSeen {
  userId: string;
  lastSeenAt: string | null;
}

/** Stores when `userId` was last online. */
export async function recordLastSeen(userId: string, at: Date): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { lastSeenAt: at } });
}

/** Of `userIds`, those whose presence `viewerId` may see, with their last-seen time; the others are left out. */
export async function lastSeenOf(viewerId: string, userIds: string[]): Promise<LastSeen[]> {
  const visible = await visiblePresence(viewerId, userIds);
  if (visible.length === 0) return [];
  const users = await db.user.findMany({ where: { id: { in: visible } }, select: { id: true, lastSeenAt: true } });
  return users.map((user) => ({ userId: user.id, lastSeenAt: user.lastSeenAt?.toISOString() ?? null }));
}
