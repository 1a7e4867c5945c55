// Blocking: one-directional. It ends any friendship or request between the two; unblocking
// restores nothing.
import { db } from "~/server/db";
import { publishToUsers } from "~/server/realtime/publish";
import { AppError } from "~/shared/errors";
import { PERSON_SELECT, toPerson } from "../chats/people";
import { pairKey } from "./relations";

async function directChatId(a: string, b: string): Promise<string | null> {
  const key = a < b ? `${a}:${b}` : `${b}:${a}`;
  return (await db.chat.findUnique({ where: { directKey: key }, select: { id: true } }))?.id ?? null;
}

async function announce(me: string, other: string) {
  await publishToUsers([me, other], "friends:updated", { userIds: [me, other] });
  const chatId = await directChatId(me, other);
  if (chatId) await publishToUsers([me, other], "chat:updated", { chatId });
}

export async function blockUser(me: string, other: string): Promise<void> {
  if (me === other) throw new AppError("BAD_REQUEST", "You cannot block yourself", { field: "userId" });
  const exists = await db.user.count({ where: { id: other } });
  if (!exists) throw new AppError("NOT_FOUND", "User not found", { field: "userId" });
  // ON CONFLICT, not an upsert: two identical blocks at once both succeed, and only the one that
  // changed something tells the two people.
  const [inserted, ended] = await db.$transaction([
    db.$executeRaw`INSERT INTO user_blocks (blocker_id, blocked_id) VALUES (${me}::uuid, ${other}::uuid) ON CONFLICT DO NOTHING`,
    db.friendship.deleteMany({ where: pairKey(me, other) }),
  ]);
  if (inserted > 0 || ended.count > 0) await announce(me, other);
}

export async function unblockUser(me: string, other: string): Promise<void> {
  const { count } = await db.userBlock.deleteMany({ where: { blockerId: me, blockedId: other } });
  if (count > 0) await announce(me, other);
}

export async function listBlocked(me: string) {
  const rows = await db.userBlock.findMany({ where: { blockerId: me }, include: { blocked: { select: PERSON_SELECT } }, orderBy: { createdAt: "desc" } });
  return rows.map((row) => ({ ...toPerson(row.blocked), since: row.createdAt }));
}
