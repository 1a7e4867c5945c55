// A person's profile page: public fields, how we stand, and last seen when they allow it.
import { db } from "~/server/db";
import { AppError } from "~/shared/errors";
import { LIVE_USER } from "../core/person";
import { toPublicProfile } from "./public-profile";
import { relationBetween } from "./relations";
import { canSeeLastSeen } from "./visibility";

export async function getProfile(viewerId: string, userId: string) {
  const user = await db.user.findFirst({ where: { id: userId, ...LIVE_USER } });
  if (!user) throw new AppError("NOT_FOUND", "User not found", { field: "userId" });
  const relation = viewerId === userId ? { friend: "none" as const, blockedByMe: false, blockedMe: false } : await relationBetween(viewerId, userId);
  const lastSeenVisible = canSeeLastSeen(viewerId, user, relation);
  return {
    ...toPublicProfile(user),
    isSelf: viewerId === userId,
    relation,
    lastSeenAt: lastSeenVisible ? (user.lastSeenAt?.toISOString() ?? null) : null,
    /** Whether the viewer may start a direct chat (an existing one always opens). */
    canMessage: !relation.blockedMe && !relation.blockedByMe && (user.messagePolicy === "EVERYONE" || relation.friend === "friends"),
  };
}
