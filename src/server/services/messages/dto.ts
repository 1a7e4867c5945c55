// Messages as the browser and the sidecar see them (ISO dates, so one shape serves tRPC and sockets).
import type { Message } from "~/server/db";
import type { AttachmentDto, MessageDto, SystemEvent } from "~/shared/realtime/events";
import { attachmentsOfMessages } from "../attachments/for-messages";

export function toMessageDto(message: Message, attachments: AttachmentDto[] = []): MessageDto {
  return {
    id: message.id,
    chatId: message.chatId,
    seq: message.seq,
    senderId: message.senderId,
    clientId: message.clientId,
    kind: message.kind,
    content: message.deletedAt ? "" : message.content,
    system: (message.systemData as SystemEvent | null) ?? null,
    replyToId: message.replyToId,
    attachments: message.deletedAt ? [] : attachments,
    createdAt: message.createdAt.toISOString(),
    editedAt: message.editedAt?.toISOString() ?? null,
    deletedAt: message.deletedAt?.toISOString() ?? null,
  };
}

/** Messages with their attachments (one more indexed query for the whole list). */
export async function toMessageDtos(messages: Message[]): Promise<MessageDto[]> {
  const sent = messages.filter((message) => message.kind === "TEXT" && !message.deletedAt).map((message) => message.id);
  const files = await attachmentsOfMessages(sent);
  return messages.map((message) => toMessageDto(message, files.get(message.id)));
}
