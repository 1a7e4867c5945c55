// Setting or removing one's own uploaded avatar (account.setAvatar). The previous uploaded avatar's
// row and files go in the same transaction; everyone who shows the person is told.
import { db, type User } from "~/server/db";
import { queryIn, sql } from "~/server/db/sql";
import { avatarPath, claimAvatarIn, dropReplacedAvatarIn } from "../attachments/avatar";
import { publishProfileChanged } from "./profile-audience";

export async function setOwnAvatar(userId: string, attachmentId: string | null): Promise<User> {
  const { user, changed } = await db.$transaction(async (tx) => {
    const [current] = await queryIn<{ avatarUrl: string | null }>(tx, sql`SELECT avatar_url AS "avatarUrl" FROM users WHERE id = ${userId}::uuid FOR UPDATE`);
    const previous = current?.avatarUrl ?? null;
    const next = attachmentId ? (previous === avatarPath(attachmentId) ? previous : await claimAvatarIn(tx, userId, attachmentId)) : null;
    if (next === previous) return { user: await tx.user.findUniqueOrThrow({ where: { id: userId } }), changed: false };
    const user = await tx.user.update({ where: { id: userId }, data: { avatarUrl: next } });
    await dropReplacedAvatarIn(tx, previous);
    return { user, changed: true };
  });
  if (changed) await publishProfileChanged(userId);
  return user;
}
