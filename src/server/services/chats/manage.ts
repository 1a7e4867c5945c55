// Group management: rename, add and remove members, promote and demote admins, leave.
// Every change is a system message in the chat and a live update to its members.
import { db, type ChatRole, type Prisma } from "~/server/db";
import { publishToUsers } from "~/server/realtime/publish";
import { AppError } from "~/shared/errors";
import type { SystemEvent } from "~/shared/realtime/events";
import { appendSystemMessage } from "../messages/append";
import { toMessageDto } from "../messages/dto";
import { assertMayAddToGroup } from "../people/rules";
import { memberIds, requireMembership } from "./membership";

type Tx = Prisma.TransactionClient;

async function requireGroupRole(chatId: string, actorId: string, roles: ChatRole[]) {
  const member = await requireMembership(chatId, actorId);
  if (member.chat.type !== "GROUP") throw new AppError("NOT_A_GROUP", "This is not a group chat");
  if (!roles.includes(member.role)) {
    throw roles.includes("ADMIN")
      ? new AppError("CHAT_ADMIN_REQUIRED", "Only the group's owner and admins can do this")
      : new AppError("CHAT_OWNER_REQUIRED", "Only the group's owner can do this");
  }
  return member;
}

/** Runs a change with its system message in one transaction, then tells everyone concerned. */
async function change(chatId: string, work: (tx: Tx) => Promise<SystemEvent[]>, alsoNotify: string[] = [], removed: string[] = []) {
  const messages = await db.$transaction(async (tx) => {
    const events = await work(tx);
    const stored = [];
    for (const event of events) stored.push(await appendSystemMessage(tx, chatId, event));
    return stored;
  });
  const members = await memberIds(chatId);
  const audience = [...members, ...alsoNotify];
  for (const message of messages) await publishToUsers(audience, "message:new", toMessageDto(message));
  await publishToUsers(members, "chat:updated", { chatId });
  if (removed.length) await publishToUsers(removed, "chat:removed", { chatId });
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
  const live = await db.user.count({ where: { id: { in: added }, deletedAt: null, banned: false } });
  if (live !== added.length) throw new AppError("NOT_FOUND", "User not found", { field: "userIds" });
  await assertMayAddToGroup(actorId, added);
  await change(chatId, async (tx) => {
    await tx.chatMember.createMany({ data: added.map((userId) => ({ chatId, userId, role: "MEMBER" as const })), skipDuplicates: true });
    return [{ type: "member_added", actorId, userIds: added }];
  });
}

export async function removeMember(actorId: string, chatId: string, userId: string) {
  if (actorId === userId) throw new AppError("CANNOT_REMOVE_SELF", "Use “leave” to leave a group");
  const actor = await requireGroupRole(chatId, actorId, ["OWNER", "ADMIN"]);
  const target = await db.chatMember.findUnique({ where: { chatId_userId: { chatId, userId } } });
  if (!target) throw new AppError("NOT_FOUND", "This person is not in the group", { field: "userId" });
  // Admins remove members; only the owner removes admins; nobody removes the owner.
  if (target.role === "OWNER" || (target.role === "ADMIN" && actor.role !== "OWNER")) {
    throw new AppError("CHAT_OWNER_REQUIRED", "Only the group's owner can remove an admin");
  }
  await change(
    chatId,
    async (tx) => {
      await tx.chatMember.delete({ where: { chatId_userId: { chatId, userId } } });
      return [{ type: "member_removed", actorId, userId }];
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
    await tx.chatMember.update({ where: { chatId_userId: { chatId, userId } }, data: { role } });
    return [{ type: "role_changed", actorId, userId, role }];
  });
}

export async function leaveGroup(userId: string, chatId: string) {
  const member = await requireMembership(chatId, userId);
  if (member.chat.type !== "GROUP") throw new AppError("CANNOT_LEAVE_DIRECT", "A direct chat cannot be left");
  await change(
    chatId,
    async (tx) => {
      await tx.chatMember.delete({ where: { chatId_userId: { chatId, userId } } });
      const events: SystemEvent[] = [{ type: "member_left", userId }];
      if (member.role === "OWNER") {
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
