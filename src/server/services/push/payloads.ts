// What a notification says, in the recipient's language. The service worker shows it as given
// (src/service-worker/push.ts). Payloads stay far under the 4 KB a push may carry: text is cut.
import type { FriendPush, MessagePush } from "~/shared/push-payload";

export type PushLocale = "ru" | "en";

const TEXTS = {
  en: {
    newMessage: (name: string) => `New message from ${name}`,
    file: "📎 File",
    friendRequest: "sent you a friend request",
    friendAccepted: "accepted your friend request",
    someone: "Someone",
  },
  ru: {
    newMessage: (name: string) => `Новое сообщение от ${name}`,
    file: "📎 Файл",
    friendRequest: "хочет добавить вас в друзья",
    friendAccepted: "принял(а) вашу заявку в друзья",
    someone: "Кто-то",
  },
} as const;

/** Characters of message text a notification carries (the rest is cut with "…"). */
const PUSH_TEXT_MAX = 300;


function cut(text: string): string {
  const chars = [...text.trim()];
  return chars.length > PUSH_TEXT_MAX ? `${chars.slice(0, PUSH_TEXT_MAX - 1).join("")}…` : chars.join("");
}

export interface MessageFacts {
  chatId: string;
  messageId: string;
  seq: number;
  senderName: string | null;
  /** The group's title; null for a direct chat. */
  groupTitle: string | null;
  content: string;
  files: number;
}

/** The notification of one message for one person (`preview` off: no text). */
export function messagePush(message: MessageFacts, locale: PushLocale, preview: boolean, unread: number): MessagePush {
  const t = TEXTS[locale];
  const sender = message.senderName ?? t.someone;
  const text = message.content.trim() ? cut(message.content) : message.files > 0 ? t.file : "";
  const body = preview && text ? (message.groupTitle ? `${sender}: ${text}` : text) : t.newMessage(sender);
  return {
    type: "message",
    chatId: message.chatId,
    messageId: message.messageId,
    seq: message.seq,
    title: message.groupTitle ?? sender,
    body,
    tag: message.messageId,
    url: `/chat/${message.chatId}`,
    unread,
  };
}

export function friendPush(event: "request" | "accepted", fromName: string, fromUserId: string, locale: PushLocale, unread: number, pushId: string): FriendPush {
  const t = TEXTS[locale];
  return { type: "friend", title: fromName, body: event === "request" ? t.friendRequest : t.friendAccepted, tag: `friend-${pushId}`, url: event === "request" ? "/friends" : `/people/${fromUserId}`, unread };
}
