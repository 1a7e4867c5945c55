// What anyone signed in may see of another person.
import { db, type User } from "~/server/db";
import { AppError } from "~/shared/errors";
import { LIVE_USER } from "../core/person";

export function toPublicProfile(user: User) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    avatarUrl: user.avatarUrl,
    bio: user.bio,
    createdAt: user.createdAt,
  };
}

export type PublicProfile = ReturnType<typeof toPublicProfile>;

/** A live account by its exact (case-insensitive) username; deleted and banned ones are not found. */
export async function findByUsername(username: string): Promise<PublicProfile> {
  const user = await db.user.findFirst({ where: { username: username.toLowerCase(), ...LIVE_USER } });
  if (!user) throw new AppError("NOT_FOUND", "No one has this username", { field: "username" });
  return toPublicProfile(user);
}
