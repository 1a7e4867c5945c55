// Who is typing in which chat, as this tab shows it: chatId → userId → until (ms epoch). An entry
// expires on its own if the "stop" never comes (closed tab, lost connection).
import { TYPING_TTL_MS } from "~/shared/realtime/events";

export type TypingState = Record<string, Record<string, number>>;

/** A typing:update event applied at `now`. */
export function withTyping(state: TypingState, chatId: string, userId: string, typing: boolean, now: number): TypingState {
  const chat = { ...state[chatId] };
  if (typing) chat[userId] = now + TYPING_TTL_MS;
  else delete chat[userId];
  return { ...state, [chatId]: chat };
}

/** The entries still live at `now` (the same object when nothing expired); chats with nobody typing are dropped. */
export function withoutExpired(state: TypingState, now: number): TypingState {
  let changed = false;
  const next: TypingState = {};
  for (const [chatId, users] of Object.entries(state)) {
    const live = Object.fromEntries(Object.entries(users).filter(([, until]) => until > now));
    const count = Object.keys(live).length;
    if (count !== Object.keys(users).length) changed = true;
    if (count) next[chatId] = live;
  }
  return changed ? next : state;
}
