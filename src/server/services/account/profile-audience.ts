// Who sees a person's name and avatar and so must hear when they change: the person's own devices,
// everyone who shares a chat with them, and everyone in a friendship row with them (friends and
// pending requests both show the name).
import { query, sql } from "~/server/db/sql";
import { publishToUsers } from "~/server/realtime/publish";

async function profileAudience(userId: string): Promise<string[]> {
  const rows = await query<{ id: string }>(sql`
    SELECT other.user_id::text AS id FROM chat_members mine
      JOIN chat_members other ON other.chat_id = mine.chat_id
      WHERE mine.user_id = ${userId}::uuid
    UNION
    SELECT CASE WHEN f.user_low_id = ${userId}::uuid THEN f.user_high_id ELSE f.user_low_id END::text FROM friendships f
      WHERE (f.user_low_id = ${userId}::uuid OR f.user_high_id = ${userId}::uuid) AND f.status <> 'REJECTED'`, "profile-audience");
  return [...new Set([userId, ...rows.map((row) => row.id)])];
}

/** Tells the audience that the person's public profile (name, username, avatar) changed. */
export async function publishProfileChanged(userId: string): Promise<void> {
  await publishToUsers(await profileAudience(userId), "user:updated", { userId });
}
