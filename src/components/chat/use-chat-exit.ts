"use client";
// Leaving an open chat for "/" with a notice, once, when it is gone for this person: chat.get says
// so, the Messenger drops its timeline (chat:removed), or a fresh chat list no longer has it.
import type { UseQueryResult } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef } from "react";
import { useMessenger, useMessengerState } from "~/client/react";
import type { ChatDetails } from "./chat-types";
import { useNotify } from "./notice";

type ExitReason = "removed" | "notFound";

/** The chat does not exist for this person (not a member, removed, a malformed id). */
export function isGone(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const code = (error.data as { code?: string } | undefined)?.code;
  return code === "NOT_FOUND" || code === "BAD_REQUEST";
}

export interface ChatExit {
  leave: (reason: ExitReason) => void;
  /** The reason to give when the chat turns out to be gone now. */
  goneReason: () => ExitReason;
  /** Leaving on purpose (the person left the group): no notice; `false` again if that failed. */
  setLeavingOnPurpose: (leaving: boolean) => void;
}

export function useChatExit(chatId: string, chat: UseQueryResult<ChatDetails, unknown>): ChatExit {
  const t = useTranslations("chat");
  const notify = useNotify();
  const router = useRouter();
  const messenger = useMessenger();
  const timeline = useMessengerState((state) => state.timelines[chatId]);
  const listed = useMessengerState((state) => (state.chats ? state.chats.some((candidate) => candidate.id === chatId) : null));

  const left = useRef(false);
  const leave = useCallback(
    (reason: ExitReason) => {
      if (left.current) return;
      left.current = true;
      notify(t(`notice.${reason}`));
      router.replace("/");
    },
    [notify, router, t],
  );

  const hadChat = chat.data !== undefined;
  const { isError, error, refetch } = chat;
  useEffect(() => {
    if (isError && isGone(error)) leave(hadChat ? "removed" : "notFound");
  }, [isError, error, hadChat, leave]);

  // chat:removed drops the timeline this pane had (of this Messenger: a new one starts empty).
  const timelineSeen = useRef<{ messenger: unknown; seen: boolean }>({ messenger: null, seen: false });
  useEffect(() => {
    if (timelineSeen.current.messenger !== messenger) timelineSeen.current = { messenger, seen: false };
    if (timeline) timelineSeen.current.seen = true;
    else if (timelineSeen.current.seen) leave("removed");
  }, [timeline, messenger, leave]);

  // A fresh chat list without this chat (e.g. removed while offline): ask the server to be sure.
  useEffect(() => {
    if (listed === false && hadChat) void refetch();
  }, [listed, hadChat, refetch]);

  return {
    leave,
    goneReason: () => (timelineSeen.current.seen ? "removed" : "notFound"),
    setLeavingOnPurpose: (leaving) => {
      left.current = leaving;
    },
  };
}
