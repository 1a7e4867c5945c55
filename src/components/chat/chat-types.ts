// The shapes of a chat as the chat components receive them from the server.
import type { RouterOutputs } from "~/trpc/react";

export type { ChatSummary } from "~/client/chat-summaries";
export type ChatDetails = RouterOutputs["chat"]["get"];
export type ChatMember = ChatDetails["members"][number];
