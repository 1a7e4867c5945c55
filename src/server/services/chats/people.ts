// People as chat members and peers see them.
import type { User } from "~/server/db";

export const PERSON_SELECT = { id: true, username: true, displayName: true, avatarUrl: true, deletedAt: true } as const;

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
