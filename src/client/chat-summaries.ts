// The chat list as this tab holds it: the server's chat.list, kept live by new messages and by the
// person's own read marks. Pure functions over immutable arrays (the Messenger stores the result).
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";
import type { MessageDto } from "~/shared/realtime/events";

export type ChatSummary = inferRouterOutputs<AppRouter>["chat"]["list"][number];

/** A message moves its chat to the top with a new preview; one from someone else adds to the unread
 * count, one's own (from any device) reads the chat. `known` is false for a chat the list lacks. */
export function withMessage(list: ChatSummary[], message: MessageDto, meId: string): { list: ChatSummary[]; known: boolean } {
  const chat = list.find((candidate) => candidate.id === message.chatId);
  if (!chat) return { list, known: false };
  if (message.seq <= (chat.lastMessage?.seq ?? 0)) return { list, known: true };
  const own = message.senderId === meId;
  const updated: ChatSummary = {
    ...chat,
    lastMessage: message,
    lastSeq: Math.max(chat.lastSeq, message.seq),
    lastMessageAt: message.createdAt,
    myLastReadSeq: own ? message.seq : chat.myLastReadSeq,
    unread: own ? 0 : chat.unread + 1,
  };
  return { list: [updated, ...list.filter((candidate) => candidate.id !== chat.id)], known: true };
}

/** The person has read the chat up to `seq`: its badge shrinks at once. */
export function withReadMark(list: ChatSummary[], chatId: string, seq: number): ChatSummary[] {
  let changed = false;
  const next = list.map((chat) => {
    if (chat.id !== chatId || seq <= chat.myLastReadSeq) return chat;
    changed = true;
    return { ...chat, myLastReadSeq: seq, unread: Math.max(0, chat.lastSeq - seq) };
  });
  return changed ? next : list;
}

/**
 * A fresh chat.list from the server, merged with what this tab knows: a live message newer than the
 * server's answer and a read mark this tab has sent are kept (a refetch started before them must
 * not bring back an old preview or a cleared badge).
 */
export function mergeServerList(server: ChatSummary[], live: ChatSummary[] | null, readMarks: ReadonlyMap<string, number>): ChatSummary[] {
  const liveById = new Map((live ?? []).map((chat) => [chat.id, chat]));
  let reordered = false;
  const merged = server.map((chat) => {
    const known = liveById.get(chat.id);
    let result = chat;
    if (known && known.lastSeq > chat.lastSeq) {
      reordered = true;
      result = { ...chat, lastMessage: known.lastMessage, lastSeq: known.lastSeq, lastMessageAt: known.lastMessageAt };
    }
    const readMark = Math.max(readMarks.get(chat.id) ?? 0, result.myLastReadSeq);
    if (readMark !== result.myLastReadSeq || result !== chat) result = { ...result, myLastReadSeq: readMark, unread: Math.max(0, result.lastSeq - readMark) };
    return result;
  });
  // Same order as the server's: newest activity first.
  return reordered ? merged.sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt)) : merged;
}

/** The chat is gone for this person (left, removed). */
export function withoutChat(list: ChatSummary[], chatId: string): ChatSummary[] {
  return list.some((chat) => chat.id === chatId) ? list.filter((chat) => chat.id !== chatId) : list;
}
