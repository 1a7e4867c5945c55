// A person as others see them (chat members, peers, friends, search results), and the one rule of
// a live account: not deleted, not banned.
import { db, type Prisma, type User } from "~/server/db";
import { raw, type Sql } from "~/server/db/sql";
import { AppError } from "~/shared/errors";

export const PERSON_SELECT = { id: true, username: true, displayName: true, avatarUrl: true, deletedAt: true } as const satisfies Prisma.UserSelect;

export type PersonRow = Pick<User, "id" | "username" | "displayName" | "avatarUrl" | "deletedAt">;

export function toPerson(user: PersonRow) {
  return {
    id: user.id,
    username: user.deletedAt ? null : user.username,
    displayName: user.deletedAt ? null : user.displayName,
    avatarUrl: user.deletedAt ? null : user.avatarUrl,
    /** The UI shows "deleted account" for these. */
    deleted: user.deletedAt !== null,
  };
}

export type Person = ReturnType<typeof toPerson>;

/** A live account, as a Prisma filter. */
export const LIVE_USER = { deletedAt: null, banned: false } as const satisfies Prisma.UserWhereInput;

/** A live account, in SQL, for the `users` row under `alias`. */
export const liveUserSql = (alias: string): Sql => raw(`${alias}.deleted_at IS NULL AND NOT ${alias}.banned`);

export const isLive = (user: Pick<User, "deletedAt" | "banned">): boolean => user.deletedAt === null && !user.banned;

/** Throws NOT_FOUND (on `field`) unless every id is a live account. */
export async function requireLiveUsers(userIds: string[], field = "userId"): Promise<void> {
  if (userIds.length === 0) return;
  const found = await db.user.count({ where: { id: { in: userIds }, ...LIVE_USER } });
  if (found !== userIds.length) throw new AppError("NOT_FOUND", "User not found", { field });
}
