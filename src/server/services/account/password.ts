// Changing the password: proves the current one, then signs out every other device.
import { db } from "~/server/db";
import { hashPassword, verifyPassword } from "~/server/auth/password";
import { endUserSessions } from "./sessions";
import { AppError } from "~/shared/errors";
import { PASSWORD_LIKE_NAME_MESSAGE, resemblesIdentity } from "~/shared/schemas/password-rules";

/** Throws WRONG_PASSWORD (on `field`) unless `password` is the user's current one. */
export async function assertPassword(userId: string, password: string, field: string): Promise<void> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw new AppError("WRONG_PASSWORD", "The password is not correct", { field });
  }
}

export async function changePassword(userId: string, sessionId: string, currentPassword: string, newPassword: string) {
  await assertPassword(userId, currentPassword, "currentPassword");
  // The schema cannot see the account's names: the new password is checked against them here.
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { username: true, displayName: true, email: true, pendingEmail: true } });
  if (resemblesIdentity(newPassword, { ...user, email: user.email ?? user.pendingEmail })) throw new AppError("PASSWORD_LIKE_NAME", PASSWORD_LIKE_NAME_MESSAGE, { field: "newPassword" });
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(newPassword) } });
  await endUserSessions(userId, { except: sessionId });
}
