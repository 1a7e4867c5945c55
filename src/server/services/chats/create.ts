// Starting chats: one direct chat per pair (asking again returns it), or a group with its creator
// as owner.
import type { z } from "zod";
import { db } from "~/server/db";
import { uniqueViolationFields } from "~/server/db/errors";
import { publishToUsers } from "~/server/realtime/publish";
import { AppError } from "~/shared/errors";
import type { ZCreateGroupInput } from "~/shared/schemas/chat";
import { findDirectChatId } from "../core/chat-access";
import { directChatKey } from "../core/pair";
import { requireLiveUsers } from "../core/person";
import { appendSystemMessage } from "../messages/append";
import { assertMayAddToGroup, assertMayStartChat } from "../people/rules";

export async function openDirectChat(userId: string, otherId: string): Promise<{ chatId: string; created: boolean }> {
  if (userId === otherId) throw new AppError("CHAT_WITH_SELF", "You cannot start a chat with yourself");
  const existing = await findDirectChatId(userId, otherId);
  if (existing) return { chatId: existing, created: false };
  await requireLiveUsers([otherId]);
  await assertMayStartChat(userId, otherId);
  try {
    const chat = await db.chat.create({
      data: {
        type: "DIRECT",
        directKey: directChatKey(userId, otherId),
        createdById: userId,
        members: { create: [{ userId, role: "MEMBER" }, { userId: otherId, role: "MEMBER" }] },
      },
    });
    await publishToUsers([userId, otherId], "chat:updated", { chatId: chat.id });
    return { chatId: chat.id, created: true };
  } catch (error) {
    // Both people opened the chat at the same moment: the other request created it.
    if (uniqueViolationFields(error)?.some((field) => field.includes("direct"))) {
      const chatId = await findDirectChatId(userId, otherId);
      if (chatId) return { chatId, created: false };
    }
    throw error;
  }
}

export async function createGroup(ownerId: string, input: z.output<typeof ZCreateGroupInput>): Promise<{ chatId: string }> {
  const others = [...new Set(input.memberIds)].filter((id) => id !== ownerId);
  await requireLiveUsers(others);
  await assertMayAddToGroup(ownerId, others);
  const chat = await db.$transaction(async (tx) => {
    const created = await tx.chat.create({
      data: {
        type: "GROUP",
        title: input.title,
        createdById: ownerId,
        members: { create: [{ userId: ownerId, role: "OWNER" }, ...others.map((userId) => ({ userId, role: "MEMBER" as const }))] },
      },
    });
    await appendSystemMessage(tx, created.id, { type: "created", actorId: ownerId, title: input.title });
    return created;
  });
  await publishToUsers([ownerId, ...others], "chat:updated", { chatId: chat.id });
  return { chatId: chat.id };
}
