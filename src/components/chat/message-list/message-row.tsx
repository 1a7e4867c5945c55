"use client";
// One row of the conversation: a day separator, an unsent message of one's own, a system line, or a
// stored message with its sender's name (groups) and its ticks (own messages).
import type { Receipts } from "~/client/receipts";
import type { MessageDto, ReplyPreview } from "~/shared/realtime/events";
import type { ChatMember } from "../chat-types";
import { useConversation } from "../conversation-actions";
import { MessageActions } from "../message-actions";
import { ReplyQuote } from "../reply-quote";
import { MessageBubble, outboxStatus, SystemLine } from "../message-bubble";
import { readers, storedStatus, type SentUpTo } from "../message-status";
import { DaySeparator } from "./day-separator";
import type { Row } from "./message-rows";
import { senderColour } from "./sender-colour";

export interface RowContext {
  meId: string;
  isGroup: boolean;
  locale: string;
  members: ChatMember[];
  receipts: Receipts | undefined;
  sent: SentUpTo;
  nameOf: (userId: string | null) => string;
  systemText: (message: MessageDto) => string;
  retry: (clientId: string) => void;
  discard: (clientId: string) => void;
  /** A reply's quote, freshened from the held original when it is loaded. */
  quoteOf: (quote: ReplyPreview) => ReplyPreview;
}

export function MessageRow({ row, context }: { row: Row; context: RowContext }) {
  const { meId, isGroup, members, receipts, sent, nameOf } = context;
  const conversation = useConversation();
  if (row.type === "day") return <DaySeparator iso={row.iso} locale={context.locale} />;
  if (row.type === "pending") {
    const { item } = row;
    return (
      <MessageBubble
        rowKey={row.key}
        own
        clientId={item.clientId}
        content={item.content}
        attachments={item.attachments}
        uploads={item.uploads}
        createdAt={row.iso}
        status={outboxStatus(item)}
        tail={row.tail}
        failure={
          item.status === "failed" ? { code: item.error, onRetry: () => context.retry(item.clientId), onDiscard: () => context.discard(item.clientId) } : undefined
        }
      />
    );
  }
  const { message } = row;
  if (message.kind === "SYSTEM") return <SystemLine message={message} text={context.systemText(message)} />;
  const own = message.senderId === meId;
  // Data saved before quotes existed has only the id: the held original, when loaded, fills it in.
  const quote = message.replyTo ?? (message.replyToId ? { id: message.replyToId, senderId: null, snippet: "", attachmentKind: null, deleted: false } : null);
  return (
    <MessageBubble
      rowKey={row.key}
      own={own}
      seq={message.seq}
      clientId={message.clientId}
      content={message.content}
      attachments={message.attachments}
      deleted={message.deletedAt !== null}
      messageId={message.id}
      editedAt={message.editedAt}
      highlighted={conversation?.highlighted === message.id}
      quote={quote ? <ReplyQuote quote={context.quoteOf(quote)} name={nameOf(quote.senderId)} onClick={() => void conversation?.jumpTo(quote.id)} /> : undefined}
      actions={<MessageActions message={message} own={own} />}
      createdAt={message.createdAt}
      tail={row.tail}
      senderName={isGroup && !own && row.first ? nameOf(message.senderId) : undefined}
      senderColour={senderColour(message.senderId)}
      status={own ? storedStatus(message, meId, members, receipts, sent) : undefined}
      readBy={own && isGroup ? readers(message, meId, members, receipts, sent).map((member) => nameOf(member.id)) : null}
    />
  );
}
