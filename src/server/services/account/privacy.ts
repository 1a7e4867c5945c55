// Privacy settings: who sees my last seen, who may start a chat with me or add me to groups.
import type { z } from "zod";
import { db, type User } from "~/server/db";
import { publishToUsers } from "~/server/realtime/publish";
import type { ZPrivacyInput } from "~/shared/schemas/people";

export async function updatePrivacy(userId: string, input: z.output<typeof ZPrivacyInput>): Promise<User> {
  const user = await db.user.update({ where: { id: userId }, data: input });
  await publishToUsers([userId], "friends:updated", { userIds: [userId] });
  return user;
}
