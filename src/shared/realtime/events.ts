// The Socket.IO protocol shared by the browser, the Next server and the realtime sidecar.

/** Bumped on any incompatible change; a client with another version is refused and reloads. */
export const PROTOCOL_VERSION = 1;

/** Typing shows for this long unless renewed (clients renew every few seconds while typing). */
export const TYPING_TTL_MS = 6_000;

/** Why the sidecar refused a connection; the client acts on it (fetch a new token, reload, sign in). */
export type ConnectRefusal = "TOKEN_EXPIRED" | "TOKEN_INVALID" | "SESSION_ENDED" | "PROTOCOL_MISMATCH";

export interface HandshakeAuth {
  token: string;
  protocol: number;
}

export type Ack<T = undefined> = (T extends undefined ? { ok: true } : { ok: true; data: T }) | { ok: false; code: string };

/** What a system message records; the UI renders it in the reader's language. */
export type SystemEvent =
  | { type: "created"; actorId: string; title: string }
  | { type: "member_added"; actorId: string; userIds: string[] }
  | { type: "member_removed"; actorId: string; userId: string }
  | { type: "member_left"; userId: string }
  | { type: "renamed"; actorId: string; title: string }
  | { type: "role_changed"; actorId: string; userId: string; role: "ADMIN" | "MEMBER" }
  | { type: "owner_changed"; userId: string };

export interface MessageDto {
  id: string;
  chatId: string;
  seq: number;
  senderId: string | null;
  clientId: string | null;
  kind: "TEXT" | "SYSTEM";
  content: string;
  system: SystemEvent | null;
  replyToId: string | null;
  /** Files, images and voice recordings, in the order they were attached (empty when none). */
  attachments: AttachmentDto[];
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  /** The chat's change-log version of this message's latest change (absent in data saved before it existed). */
  version?: number;
  /** A short quote of the replied message (null or absent when not a reply). */
  replyTo?: ReplyPreview | null;
  /** Deleted "for me" by the caller: only in the caller's own history and changes, never fanned out. */
  hidden?: boolean;
}

/** What a reply shows of the message it answers. */
export interface ReplyPreview {
  id: string;
  senderId: string | null;
  /** The first 100 characters of the text (empty when deleted). */
  snippet: string;
  /** The kind of its first attachment, for a "📷 Photo"-style quote without text. */
  attachmentKind: AttachmentKind | null;
  deleted: boolean;
}

/** "Delete for me" on one of the user's devices: hide it on the others. */
interface MessageHidden {
  chatId: string;
  messageId: string;
}

/** How the client shows an attachment: decided on the server from the stored bytes. */
export type AttachmentKind = "IMAGE" | "VIDEO" | "AUDIO" | "VOICE" | "FILE";

export interface AttachmentDto {
  id: string;
  kind: AttachmentKind;
  fileName: string;
  mimeType: string;
  /** Bytes (a JS number is exact far beyond any allowed size). */
  size: number;
  /** Pixel size of images, so the timeline reserves the space before the thumbnail loads. */
  width: number | null;
  height: number | null;
  durationMs: number | null;
  /** Voice messages: loudness samples 0..255. */
  waveform: number[] | null;
  hasThumbnail: boolean;
  /** An image whose metadata stripping and thumbnail are still queued: not served yet (placeholder). */
  processing: boolean;
}

/** An image attachment of a sent message finished processing: its thumbnail can be shown. */
export interface AttachmentReady {
  chatId: string;
  messageId: string;
  attachment: AttachmentDto;
}

export interface ReceiptUpdate {
  chatId: string;
  userId: string;
  lastReadSeq: number;
  lastDeliveredSeq: number;
}

interface TypingUpdate {
  chatId: string;
  userId: string;
  typing: boolean;
}

export interface PresenceUpdate {
  userId: string;
  online: boolean;
  lastSeenAt: string | null;
}

export interface ServerToClientEvents {
  "message:new": (message: MessageDto) => void;
  /** A message was edited or deleted for everyone: replace the held copy if this one's version is newer. */
  "message:updated": (message: MessageDto) => void;
  "message:hidden": (payload: MessageHidden) => void;
  "receipt:update": (receipt: ReceiptUpdate) => void;
  /** Members, title or roles changed: refetch the chat. */
  "chat:updated": (payload: { chatId: string }) => void;
  /** You are no longer a member (removed, or you left on another device). */
  "chat:removed": (payload: { chatId: string }) => void;
  /** A friendship, request or block involving these people changed: refetch friends. */
  "friends:updated": (payload: { userIds: string[] }) => void;
  /** This person's name, username or avatar changed: refetch what shows them. */
  "user:updated": (payload: { userId: string }) => void;
  "typing:update": (update: TypingUpdate) => void;
  "presence:update": (update: PresenceUpdate) => void;
  "attachment:ready": (update: AttachmentReady) => void;
  /** The node is shutting down: reconnect (to another node) after the given delay. */
  "server:shutdown": (payload: { reconnectInMs: number }) => void;
  /** Events may have been lost (Redis was unreachable): catch up as after a reconnect. */
  "sync:required": () => void;
}

export interface ClientToServerEvents {
  "typing:start": (payload: { chatId: string }, ack?: (result: Ack) => void) => void;
  "typing:stop": (payload: { chatId: string }, ack?: (result: Ack) => void) => void;
  /** This device received messages up to `seq`: counts towards ✓✓ delivered. */
  "message:delivered": (payload: { chatId: string; seq: number }, ack?: (result: Ack) => void) => void;
  /** Presence of the given users, as far as each lets the caller see it. */
  "presence:query": (payload: { userIds: string[] }, ack: (result: Ack<PresenceUpdate[]>) => void) => void;
  /** What this tab shows: the open chat (or none) and whether the page is visible. Push skips what is on screen. */
  "view:state": (payload: { chatId: string | null; visible: boolean }, ack?: (result: Ack) => void) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

export interface SocketData {
  userId: string;
  sessionId: string;
}

/** What the app publishes to users' rooms, through Redis or the sidecar's loopback channel (which
 * accepts exactly these). Together with SIDECAR_ONLY_EVENTS: every server event, once. */
export const PUBLISHED_EVENTS = [
  "message:new",
  "receipt:update",
  "chat:updated",
  "chat:removed",
  "friends:updated",
  "user:updated",
  "typing:update",
  "presence:update",
  "sync:required",
  "attachment:ready",
  "message:updated",
  "message:hidden",
] as const;

/** Sent by a sidecar to its own sockets only, never published by the app. */
export const SIDECAR_ONLY_EVENTS = ["server:shutdown"] as const;

export const SERVER_EVENTS = [...PUBLISHED_EVENTS, ...SIDECAR_ONLY_EVENTS] as const;

export type PublishedEventName = (typeof PUBLISHED_EVENTS)[number];
export type ServerEventName = (typeof SERVER_EVENTS)[number];

/** Compiles only when `T` is `never`; the error names the events in `T`. */
type NoneOf<T extends never> = T;
/**
 * @public Never used: it compiles only while the lists and ServerToClientEvents agree. Each error
 * names the odd ones out: an event declared but in neither list, a listed name not declared, a
 * name in both lists.
 */
export type ServerEventListsAgree = [
  NoneOf<Exclude<keyof ServerToClientEvents, ServerEventName>>,
  NoneOf<Exclude<ServerEventName, keyof ServerToClientEvents>>,
  NoneOf<Extract<PublishedEventName, (typeof SIDECAR_ONLY_EVENTS)[number]>>,
];
export type ServerEventArgs<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>;

export type ClientEventName = keyof ClientToServerEvents;
export type ClientEventPayload<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
/** What the sidecar answers to a client event through its ack. */
export type ClientEventResult<E extends ClientEventName> = Parameters<NonNullable<Parameters<ClientToServerEvents[E]>[1]>>[0];
