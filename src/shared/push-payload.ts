// What a push carries, as the server sends it (services/push/payloads.ts) and the service worker
// reads it (src/service-worker/push.ts). `unread` is the person's unread total, for the app badge.

export interface MessagePush {
  type: "message";
  chatId: string;
  messageId: string;
  seq: number;
  title: string;
  body: string;
  /** One notification per message per device: a repeat with this tag replaces, never adds. */
  tag: string;
  url: string;
  unread: number;
}

export interface FriendPush {
  type: "friend";
  title: string;
  body: string;
  tag: string;
  url: string;
  unread: number;
}

/** The person read `chatId` up to `upToSeq` somewhere: close what this device shows of it. */
interface ClosePush {
  type: "close";
  chatId: string;
  upToSeq: number;
  unread: number;
}

export type PushPayload = MessagePush | FriendPush | ClosePush;

/** What a shown notification keeps in `data`, so a click can open it and a close push can find it. */
export interface NotificationData {
  url: string;
  chatId?: string;
  seq?: number;
}
