// Editing one's own profile and language.
import type { z } from "zod";
import { db, type User } from "~/server/db";
import { dropReplacedAvatarIn } from "../attachments/avatar";
import { uniqueToAppError } from "./register";
import { publishProfileChanged } from "./profile-audience";
import { searchNameFor } from "./search-name";
import type { TLocale, ZUpdateProfileInput } from "~/shared/schemas/user";

export async function updateProfile(userId: string, input: z.output<typeof ZUpdateProfileInput>): Promise<User> {
  const current = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { username: true, displayName: true, avatarUrl: true } });
  const username = input.username ?? current.username;
  const displayName = input.displayName ?? current.displayName;
  let updated: User;
  try {
    updated = await db.$transaction(async (tx) => {
      const user = await tx.user.update({
        where: { id: userId },
        data: {
          displayName: input.displayName,
          username: input.username,
          bio: input.bio,
          avatarUrl: input.avatarUrl,
          searchName: searchNameFor(username, displayName),
        },
      });
      // An https URL (or none) in place of an uploaded avatar: the upload's files go.
      if (input.avatarUrl !== undefined && input.avatarUrl !== current.avatarUrl) await dropReplacedAvatarIn(tx, current.avatarUrl);
      return user;
    });
  } catch (error) {
    throw uniqueToAppError(error);
  }
  // Others show the name, username and avatar in their chat lists and open chats: tell them.
  if (updated.displayName !== current.displayName || updated.username !== current.username || updated.avatarUrl !== current.avatarUrl) {
    await publishProfileChanged(userId);
  }
  return updated;
}

export function setLocale(userId: string, locale: TLocale): Promise<User> {
  return db.user.update({ where: { id: userId }, data: { locale } });
}
