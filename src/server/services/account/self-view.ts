// What a signed-in user sees of their own account (never the password hash).
import type { User } from "~/server/db";

export function toSelfView(user: User) {
  return {
    id: user.id,
    username: user.username,
    // A pending address shows like an attached one: its owner typed it (see User.pendingEmail).
    email: user.email ?? user.pendingEmail,
    displayName: user.displayName,
    bio: user.bio,
    avatarUrl: user.avatarUrl,
    role: user.role,
    locale: user.locale,
    createdAt: user.createdAt,
    lastSeenVisibility: user.lastSeenVisibility,
    messagePolicy: user.messagePolicy,
    groupInvitePolicy: user.groupInvitePolicy,
    pushPreview: user.pushPreview,
  };
}
