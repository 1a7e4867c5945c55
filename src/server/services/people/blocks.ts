// Blocking: one-directional. It ends any friendship or request between the two; unblocking
// restores nothing.
import { db } from "~/server/db";
import { query, sql } from "~/server/db/sql";
import { publishToUsers } from "~/server/realtime/publish";
import { AppError } from "~/shared/errors";
import { findDirectChatId } from "../core/chat-access";
import { pairKey } from "../core/pair";
import { PERSON_SELECT, toPerson } from "../core/person";

async function announce(me: string, other: string) {
  await publishToUsers([me, other], "friends:updated", { userIds: [me, other] });
  const chatId = await findDirectChatId(me, other);
  if (chatId) await publishToUsers([me, other], "chat:updated", { chatId });
}

export async function blockUser(me: string, other: string): Promise<void> {
  if (me === other) throw new AppError("BAD_REQUEST", "You cannot block yourself", { field: "userId" });
  const exists = await db.user.count({ where: { id: other } });
  if (!exists) throw new AppError("NOT_FOUND", "User not found", { field: "userId" });
  // One statement (atomic), ON CONFLICT rather than an upsert: two identical blocks at once both
  // succeed, and only the one that changed something tells the two people.
  const { userLowId, userHighId } = pairKey(me, other);
  const [changed] = await query<{ inserted: number; ended: number }>(sql`
    WITH inserted AS (
      INSERT INTO user_blocks (blocker_id, blocked_id) VALUES (${me}::uuid, ${other}::uuid) ON CONFLICT DO NOTHING RETURNING 1
    ), ended AS (
      DELETE FROM friendships WHERE user_low_id = ${userLowId}::uuid AND user_high_id = ${userHighId}::uuid RETURNING 1
    )
    SELECT (SELECT count(*) FROM inserted)::int AS inserted, (SELECT count(*) FROM ended)::int AS ended`);
  if (changed!.inserted > 0 || changed!.ended > 0) await announce(me, other);
}

export async function unblockUser(me: string, other: string): Promise<void> {
  const { count } = await db.userBlock.deleteMany({ where: { blockerId: me, blockedId: other } });
  if (count > 0) await announce(me, other);
}

export async function listBlocked(me: string) {
  const rows = await db.userBlock.findMany({ where: { blockerId: me }, include: { blocked: { select: PERSON_SELECT } }, orderBy: { createdAt: "desc" } });
  return rows.map((row) => ({ ...toPerson(row.blocked), since: row.createdAt }));
}
