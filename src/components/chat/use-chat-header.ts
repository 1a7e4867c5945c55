"use client";
// What the open chat's header shows: title, avatar, member count or the peer's presence, and who is
// typing — from chat.get, or the chat list's summary while chat.get loads.
import { useEffect, useMemo } from "react";
import { useMessenger, useMessengerState } from "~/client/react";
import type { HeaderInfo } from "./chat-header";
import type { ChatDetails, ChatMember, ChatSummary } from "./chat-types";
import { useChatTitle, usePersonName } from "./person-names";

const NOBODY: Record<string, number> = {};

export function useChatHeader({
  chatId,
  meId,
  details,
  summary,
  peer,
  nameOf,
}: {
  chatId: string;
  meId: string;
  details: ChatDetails | undefined;
  summary: ChatSummary | undefined;
  /** The other person of a direct chat, once chat.get has loaded. */
  peer: ChatMember | undefined;
  nameOf: (userId: string | null) => string;
}): HeaderInfo {
  const messenger = useMessenger();
  const personName = usePersonName();
  const chatTitle = useChatTitle();
  const online = useMessengerState((state) => state.connection === "online");
  const presence = useMessengerState((state) => (peer ? state.presence[peer.id] : undefined));
  const typingMap = useMessengerState((state) => state.typing[chatId] ?? NOBODY);
  const members = details?.members;
  const isGroup = (details?.type ?? summary?.type) === "GROUP";

  const peerId = peer?.id;
  useEffect(() => {
    if (messenger && peerId && online) void messenger.queryPresence([peerId]);
  }, [messenger, peerId, online]);

  const typing = useMemo(
    () =>
      Object.keys(typingMap)
        // A "stop" from someone who has just left is refused by the server: members only.
        .filter((userId) => userId !== meId && (!members || members.some((member) => member.id === userId)))
        .map((userId) => nameOf(userId)),
    [typingMap, meId, members, nameOf],
  );

  const title = details ? (details.type === "GROUP" ? details.title || "…" : personName(peer)) : summary ? chatTitle(summary) : "";
  const directPeer = peer ?? summary?.peer ?? null;
  return {
    title,
    avatar: !title
      ? null
      : isGroup
        ? { name: title, seed: chatId, url: details?.avatarUrl ?? summary?.avatarUrl }
        : { name: directPeer?.displayName || title, seed: directPeer?.id ?? chatId, url: directPeer?.avatarUrl },
    isGroup,
    memberCount: members?.length ?? summary?.memberCount ?? null,
    peerDeleted: directPeer?.deleted ?? false,
    presence,
    typing,
    profileHref: directPeer && !directPeer.deleted ? `/people/${directPeer.id}` : null,
  };
}
