// Editing one's own profile and language.
import { z } from "zod";
import { db, type User } from "~/server/db";
import { uniqueToAppError } from "~/server/services/auth/register";
import { searchNameFor } from "./search-name";
import type { TLocale, ZUpdateProfileInput } from "~/shared/schemas/user";

export async function updateProfile(userId: string, input: z.output<typeof ZUpdateProfileInput>): Promise<User> {
  const current = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { username: true, displayName: true } });
  const username = input.username ?? current.username;
  const displayName = input.displayName ?? current.displayName;
  try {
    return await db.user.update({
      where: { id: userId },
      data: {
        displayName: input.displayName,
        username: input.username,
        bio: input.bio,
        avatarUrl: input.avatarUrl,
        searchName: searchNameFor(username, displayName),
      },
    });
  } catch (error) {
    throw uniqueToAppError(error);
  }
}

export function setLocale(userId: string, locale: TLocale): Promise<User> {
  return db.user.update({ where: { id: userId }, data: { locale } });
}
