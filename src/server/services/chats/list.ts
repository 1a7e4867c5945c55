// The chat list and one chat's details. A fixed number of queries whatever the number of chats.
import { db } from "~/server/db";
import type { MessageDto } from "~/shared/realtime/events";
import { toMessageDtos } from "../messages/dto";
import { blocksOf, type Blocks } from "../core/blocks";
import { requireMembership } from "../core/chat-access";
import { PERSON_SELECT, toPerson, type Person } from "../core/person";

export interface ChatSummary {
  id: string;
  type: "DIRECT" | "GROUP";
  title: string | null;
  /** A group's avatar (a direct chat shows its peer's). */
  avatarUrl: string | null;
  /** The other person of a direct chat. */
  peer: Person | null;
  /** A direct chat closed by a block: readable, but no new messages. */
  blocked: { byMe: boolean; byThem: boolean } | null;
  memberCount: number;
  myRole: "OWNER" | "ADMIN" | "MEMBER";
  lastSeq: number;
  myLastReadSeq: number;
  unread: number;
  lastMessage: MessageDto | null;
  lastMessageAt: string;
}

/** How a direct chat stands with its peer: closed by my block, by theirs, or open. */
function blockedWith(blocks: Blocks, peerId: string) {
  return { byMe: blocks.byMe.has(peerId), byThem: blocks.byThem.has(peerId) };
}

export async function listChats(userId: string): Promise<ChatSummary[]> {
  const memberships = await db.chatMember.findMany({ where: { userId }, include: { chat: true } });
  if (memberships.length === 0) return [];
  const chats = memberships.map((membership) => membership.chat);
  const directIds = chats.filter((chat) => chat.type === "DIRECT").map((chat) => chat.id);

  const [lastMessages, peers, counts, blocks] = await Promise.all([
    db.message.findMany({ where: { OR: chats.filter((chat) => chat.lastSeq > 0).map((chat) => ({ chatId: chat.id, seq: chat.lastSeq })) } }),
    directIds.length
      ? db.chatMember.findMany({ where: { chatId: { in: directIds }, userId: { not: userId } }, include: { user: { select: PERSON_SELECT } } })
      : [],
    db.chatMember.groupBy({ by: ["chatId"], where: { chatId: { in: chats.map((chat) => chat.id) } }, _count: { _all: true } }),
    blocksOf(userId),
  ]);
  const lastByChat = new Map((await toMessageDtos(lastMessages)).map((message) => [message.chatId, message]));
  const peerByChat = new Map(peers.map((peer) => [peer.chatId, toPerson(peer.user)]));
  const countByChat = new Map(counts.map((row) => [row.chatId, row._count._all]));

  return memberships
    .map(({ chat, role, lastReadSeq }) => {
      const last = lastByChat.get(chat.id);
      const peer = peerByChat.get(chat.id) ?? null;
      return {
        id: chat.id,
        type: chat.type,
        title: chat.title,
        avatarUrl: chat.avatarUrl,
        peer,
        blocked: peer ? blockedWith(blocks, peer.id) : null,
        memberCount: countByChat.get(chat.id) ?? 0,
        myRole: role,
        lastSeq: chat.lastSeq,
        myLastReadSeq: lastReadSeq,
        unread: Math.max(0, chat.lastSeq - lastReadSeq),
        lastMessage: last ?? null,
        lastMessageAt: (chat.lastMessageAt ?? chat.createdAt).toISOString(),
      };
    })
    .sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt));
}

export async function getChat(userId: string, chatId: string) {
  const membership = await requireMembership(chatId, userId);
  const members = await db.chatMember.findMany({ where: { chatId }, include: { user: { select: PERSON_SELECT } }, orderBy: { joinedAt: "asc" } });
  const peer = membership.chat.type === "DIRECT" ? members.find((member) => member.userId !== userId) : undefined;
  const blocks = peer ? await blocksOf(userId, [peer.userId]) : null;
  return {
    id: chatId,
    type: membership.chat.type,
    title: membership.chat.title,
    avatarUrl: membership.chat.avatarUrl,
    lastSeq: membership.chat.lastSeq,
    myRole: membership.role,
    /** Until when this chat sends me no push notifications (null: not muted). */
    mutedUntil: membership.mutedUntil && membership.mutedUntil > new Date() ? membership.mutedUntil.toISOString() : null,
    blocked: blocks && peer ? blockedWith(blocks, peer.userId) : null,
    members: members.map((member) => ({
      ...toPerson(member.user),
      role: member.role,
      joinedAt: member.joinedAt.toISOString(),
      lastReadSeq: member.lastReadSeq,
      lastDeliveredSeq: member.lastDeliveredSeq,
    })),
  };
}
