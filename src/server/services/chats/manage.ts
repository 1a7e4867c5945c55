// Group management: rename, add and remove members, promote and demote admins, leave.
// Every change is a system message in the chat and a live update to its members.
import { db, type ChatRole, type Prisma } from "~/server/db";
import { query, queryIn, sql } from "~/server/db/sql";
import { publishToUsers } from "~/server/realtime/publish";
import { AppError } from "~/shared/errors";
import type { SystemEvent } from "~/shared/realtime/events";
import { memberIds, requireMembership } from "../core/chat-access";
import { requireLiveUsers } from "../core/person";
import { appendSystemMessage } from "../messages/append";
import { toMessageDto } from "../messages/dto";
import { assertMayAddToGroup } from "../people/rules";

type Tx = Prisma.TransactionClient;

export async function requireGroupRole(chatId: string, actorId: string, roles: ChatRole[]) {
  const member = await requireMembership(chatId, actorId);
  if (member.chat.type !== "GROUP") throw new AppError("NOT_A_GROUP", "This is not a group chat");
  if (!roles.includes(member.role)) {
    throw roles.includes("ADMIN")
      ? new AppError("CHAT_ADMIN_REQUIRED", "Only the group's owner and admins can do this")
      : new AppError("CHAT_OWNER_REQUIRED", "Only the group's owner can do this");
  }
  return member;
}

/** Row-locks the chat until the transaction ends: changes to one group run one after another. */
async function lockChat(tx: Tx, chatId: string) {
  await queryIn(tx, sql`SELECT id FROM chats WHERE id = ${chatId}::uuid FOR UPDATE`);
}

/**
 * Runs a change with its system messages in one transaction, then tells everyone concerned.
 * `work` runs under the chat's row lock and re-reads what it changes: when it finds the change
 * already made (an identical call got there first) it returns no events, and nothing is written
 * or published.
 */
async function change(chatId: string, work: (tx: Tx) => Promise<SystemEvent[]>, alsoNotify: string[] = [], removed: string[] = []) {
  const messages = await db.$transaction(async (tx) => {
    await lockChat(tx, chatId);
    const events = await work(tx);
    const stored = [];
    for (const event of events) stored.push(await appendSystemMessage(tx, chatId, event));
    return stored;
  });
  if (messages.length === 0) return;
  const members = await memberIds(chatId);
  const audience = [...members, ...alsoNotify];
  for (const message of messages) await publishToUsers(audience, "message:new", toMessageDto(message));
  await publishToUsers(members, "chat:updated", { chatId });
  if (removed.length) await publishToUsers(removed, "chat:removed", { chatId });
}

function memberOf(tx: Tx, chatId: string, userId: string) {
  return tx.chatMember.findUnique({ where: { chatId_userId: { chatId, userId } } });
}

export async function renameGroup(actorId: string, chatId: string, title: string) {
  await requireGroupRole(chatId, actorId, ["OWNER", "ADMIN"]);
  await change(chatId, async (tx) => {
    await tx.chat.update({ where: { id: chatId }, data: { title } });
    return [{ type: "renamed", actorId, title }];
  });
}

export async function addMembers(actorId: string, chatId: string, userIds: string[]) {
  await requireGroupRole(chatId, actorId, ["OWNER", "ADMIN"]);
  const present = new Set(await memberIds(chatId));
  const added = [...new Set(userIds)].filter((id) => !present.has(id));
  if (added.length === 0) return;
  await requireLiveUsers(added, "userIds");
  await assertMayAddToGroup(actorId, added);
  await change(chatId, async (tx) => {
    const joined = new Set((await tx.chatMember.findMany({ where: { chatId, userId: { in: added } }, select: { userId: true } })).map((row) => row.userId));
    const fresh = added.filter((id) => !joined.has(id));
    if (fresh.length === 0) return [];
    await tx.chatMember.createMany({ data: fresh.map((userId) => ({ chatId, userId, role: "MEMBER" as const })), skipDuplicates: true });
    return [{ type: "member_added", actorId, userIds: fresh }];
  });
}

export async function removeMember(actorId: string, chatId: string, userId: string) {
  if (actorId === userId) throw new AppError("CANNOT_REMOVE_SELF", "Use “leave” to leave a group");
  const actor = await requireGroupRole(chatId, actorId, ["OWNER", "ADMIN"]);
  const target = await db.chatMember.findUnique({ where: { chatId_userId: { chatId, userId } } });
  // Already out (an identical call removed them first, or they left): the result is what was asked.
  if (!target) return;
  // Admins remove members; only the owner removes admins; nobody removes the owner.
  if (target.role === "OWNER" || (target.role === "ADMIN" && actor.role !== "OWNER")) {
    throw new AppError("CHAT_OWNER_REQUIRED", "Only the group's owner can remove an admin");
  }
  await change(
    chatId,
    async (tx) => {
      const { count } = await tx.chatMember.deleteMany({ where: { chatId, userId, role: { not: "OWNER" } } });
      return count ? [{ type: "member_removed", actorId, userId }] : [];
    },
    [userId],
    [userId],
  );
}

export async function setMemberRole(actorId: string, chatId: string, userId: string, role: "ADMIN" | "MEMBER") {
  await requireGroupRole(chatId, actorId, ["OWNER"]);
  const target = await db.chatMember.findUnique({ where: { chatId_userId: { chatId, userId } } });
  if (!target) throw new AppError("NOT_FOUND", "This person is not in the group", { field: "userId" });
  if (target.role === "OWNER") throw new AppError("CHAT_OWNER_REQUIRED", "The owner's role cannot be changed");
  if (target.role === role) return;
  await change(chatId, async (tx) => {
    const current = await memberOf(tx, chatId, userId);
    if (!current) throw new AppError("NOT_FOUND", "This person is not in the group", { field: "userId" });
    if (current.role === "OWNER") throw new AppError("CHAT_OWNER_REQUIRED", "The owner's role cannot be changed");
    if (current.role === role) return [];
    await tx.chatMember.update({ where: { chatId_userId: { chatId, userId } }, data: { role } });
    return [{ type: "role_changed", actorId, userId, role }];
  });
}

/** Whether the user's leaving is among the chat's latest messages (a repeated "leave" answers like the first). */
async function justLeft(chatId: string, userId: string): Promise<boolean> {
  const rows = await query<{ one: number }>(sql`
    SELECT 1 AS one FROM (
      SELECT kind, system_data FROM messages WHERE chat_id = ${chatId}::uuid ORDER BY seq DESC LIMIT 50
    ) latest
    WHERE kind = 'SYSTEM' AND system_data->>'type' = 'member_left' AND system_data->>'userId' = ${userId}
    LIMIT 1`);
  return rows.length > 0;
}

export async function leaveGroup(userId: string, chatId: string) {
  const member = await requireMembership(chatId, userId).catch(async (error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND" && (await justLeft(chatId, userId))) return null;
    throw error;
  });
  if (!member) return;
  if (member.chat.type !== "GROUP") throw new AppError("CANNOT_LEAVE_DIRECT", "A direct chat cannot be left");
  await change(
    chatId,
    async (tx) => {
      // Read again under the lock: an identical call may have left already, or the role changed.
      const current = await memberOf(tx, chatId, userId);
      if (!current) return [];
      await tx.chatMember.delete({ where: { chatId_userId: { chatId, userId } } });
      const events: SystemEvent[] = [{ type: "member_left", userId }];
      if (current.role === "OWNER") {
        // The last owner hands the group on: to the longest-serving admin, else the longest-serving member.
        const heir = await tx.chatMember.findFirst({ where: { chatId }, orderBy: [{ role: "asc" }, { joinedAt: "asc" }] });
        if (heir && heir.role !== "OWNER") {
          await tx.chatMember.update({ where: { chatId_userId: { chatId, userId: heir.userId } }, data: { role: "OWNER" } });
          events.push({ type: "owner_changed", userId: heir.userId });
        }
      }
      return events;
    },
    [],
    [userId],
  );
}
