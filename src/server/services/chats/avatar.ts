// A group's avatar (chat.setAvatar): set from the actor's own AVATAR upload or removed, by the
// group's owner and admins (the rename rule). The previous uploaded avatar's files go with it.
import { db } from "~/server/db";
import { queryIn, sql } from "~/server/db/sql";
import { publishToUsers } from "~/server/realtime/publish";
import { avatarPath, claimAvatarIn, dropReplacedAvatarIn } from "../attachments/avatar";
import { memberIds } from "../core/chat-access";
import { requireGroupRole } from "./manage";

export async function setGroupAvatar(actorId: string, chatId: string, attachmentId: string | null): Promise<{ avatarUrl: string | null }> {
  await requireGroupRole(chatId, actorId, ["OWNER", "ADMIN"]);
  const { avatarUrl, changed } = await db.$transaction(async (tx) => {
    const [current] = await queryIn<{ avatarUrl: string | null }>(tx, sql`SELECT avatar_url AS "avatarUrl" FROM chats WHERE id = ${chatId}::uuid FOR UPDATE`);
    const previous = current?.avatarUrl ?? null;
    const next = attachmentId ? (previous === avatarPath(attachmentId) ? previous : await claimAvatarIn(tx, actorId, attachmentId)) : null;
    if (next === previous) return { avatarUrl: previous, changed: false };
    await tx.chat.update({ where: { id: chatId }, data: { avatarUrl: next } });
    await dropReplacedAvatarIn(tx, previous);
    return { avatarUrl: next, changed: true };
  });
  if (changed) await publishToUsers(await memberIds(chatId), "chat:updated", { chatId });
  return { avatarUrl };
}
