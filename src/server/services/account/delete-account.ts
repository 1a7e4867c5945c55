// Deleting an account: the person's data is wiped and they can no longer sign in; their messages
// stay in chats (other members' history is theirs too) and show as "deleted account", with their
// attachments; the uploads in no message (unsent files, avatars) are deleted with the account.
import { db } from "~/server/db";
import { disconnectSockets } from "~/server/realtime/disconnect";
import { AppError } from "~/shared/errors";
import { deleteUnsentAttachmentsIn } from "../attachments/cleanup";
import { assertPassword } from "./password";

/** A username no registration can take ("-" is outside [a-z0-9_]), freeing the old one. */
function tombstoneUsername(userId: string): string {
  return `deleted-${userId.replace(/-/g, "").slice(0, 24)}`;
}

export async function deleteAccount(userId: string, password: string, meta: { ip: string | null }): Promise<void> {
  await assertPassword(userId, password, "password");
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user || user.deletedAt) throw new AppError("NOT_FOUND", "Account not found");
    await tx.user.update({
      where: { id: userId },
      data: {
        deletedAt: new Date(),
        username: tombstoneUsername(userId),
        email: null,
        pendingEmail: null,
        // Not a valid argon2 hash: no password can match it.
        passwordHash: "!deleted",
        displayName: "",
        searchName: "",
        bio: "",
        avatarUrl: null,
        twoFactorEnabled: false,
      },
    });
    await tx.session.deleteMany({ where: { userId } });
    await tx.pushSubscription.deleteMany({ where: { userId } });
    await tx.friendship.deleteMany({ where: { OR: [{ userLowId: userId }, { userHighId: userId }] } });
    await tx.userBlock.deleteMany({ where: { OR: [{ blockerId: userId }, { blockedId: userId }] } });
    // Their stored objects are deleted by a job enqueued in this transaction.
    await deleteUnsentAttachmentsIn(tx, userId);
    await tx.auditLog.create({ data: { actorId: userId, action: "account.delete", targetType: "user", targetId: userId, ip: meta.ip } });
  });
  // The account keeps its chat memberships (its messages stay): its open sockets must go now.
  await disconnectSockets({ userIds: [userId] });
}
