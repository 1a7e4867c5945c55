"use client";
// One open chat: its header, messages (from the Messenger's timeline and outbox) and composer, and
// for groups the info panel. Leaves for "/" with a notice when the chat is gone for this person.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useMessenger, useMessengerState } from "~/client/react";
import { useTRPC } from "~/trpc/react";
import { DropZoneOverlay, useFileDrop } from "./attachments/drop-zone";
import { ImageViewerProvider } from "./attachments/image-viewer-context";
import { MediaPanel } from "./attachments/media-panel";
import { useStagedUploads } from "./attachments/use-staged-uploads";
import { ChatClosed } from "./chat-closed";
import { ChatHeader } from "./chat-header";
import type { ChatMember } from "./chat-types";
import { Composer } from "./composer";
import { ConversationProvider } from "./conversation-actions";
import { GroupInfoPanel } from "./group-info/group-info-panel";
import { useMeId } from "./me-context";
import { MessageList } from "./message-list/message-list";
import { MuteControl } from "./mute-control";
import { useMemberNames } from "./person-names";
import { useSystemText } from "./system-text";
import { TimelineFailed, TimelineLoading } from "./timeline-placeholder";
import { useChatExit } from "./use-chat-exit";
import { useChatHeader } from "./use-chat-header";
import { useOpenTimeline } from "./use-open-timeline";

const NO_MEMBERS: ChatMember[] = [];

export function ChatPane({ chatId }: { chatId: string }) {
  const meId = useMeId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const messenger = useMessenger();

  const chat = useQuery(trpc.chat.get.queryOptions({ chatId }));
  const summary = useMessengerState((state) => state.chats?.find((candidate) => candidate.id === chatId));
  const timeline = useMessengerState((state) => state.timelines[chatId]);
  const outbox = useMessengerState((state) => state.outbox);
  const receipts = useMessengerState((state) => state.receipts[chatId]);

  const exit = useChatExit(chatId, chat);
  // While this chat is on screen, its messages are not pushed to this person (any device).
  useEffect(() => {
    messenger?.showChat(chatId);
    return () => messenger?.showChat(null);
  }, [messenger, chatId]);
  const open = useOpenTimeline(chatId, () => exit.leave(exit.goneReason()));

  const members = chat.data?.members;
  const isGroup = (chat.data?.type ?? summary?.type) === "GROUP";
  const peer = !isGroup ? members?.find((member) => member.id !== meId) : undefined;
  const nameOf = useMemberNames(members);
  const systemText = useSystemText(meId, nameOf);
  const header = useChatHeader({ chatId, meId, details: chat.data, summary, peer, nameOf });
  const [infoOpen, setInfoOpen] = useState(false);
  const [mediaOpen, setMediaOpen] = useState(false);
  const uploads = useStagedUploads(chatId);
  const closed = !!peer && !!(chat.data?.blocked?.byMe || chat.data?.blocked?.byThem);
  const drop = useFileDrop(closed ? () => undefined : uploads.add);

  const pending = useMemo(() => {
    const stored = new Set(timeline?.messages.map((message) => message.clientId).filter(Boolean));
    return outbox.filter((item) => item.chatId === chatId && !stored.has(item.clientId));
  }, [outbox, timeline, chatId]);

  // Stable callbacks: the message list re-renders only when its own data changes (not on typing).
  const markRead = useCallback((seq: number) => messenger?.markRead(chatId, seq), [messenger, chatId]);
  const loadOlder = useCallback(() => messenger?.loadOlder(chatId) ?? Promise.resolve(), [messenger, chatId]);
  const retry = useCallback((clientId: string) => void messenger?.retry(clientId), [messenger]);
  const discard = useCallback((clientId: string) => void messenger?.discard(clientId), [messenger]);
  const blocked = chat.data?.blocked;

  return (
    <ConversationProvider key={chatId} chatId={chatId} moderator={isGroup && summary?.myRole !== undefined && summary.myRole !== "MEMBER"} nameOf={nameOf}>
    <section data-testid="chat-pane" data-chat-id={chatId} aria-label={header.title} className="chat-backdrop relative flex min-h-0 flex-1 flex-col" {...drop.handlers}>
      {drop.dragging && !closed ? <DropZoneOverlay /> : null}
      <ChatHeader info={header} infoOpen={infoOpen} onOpenInfo={() => setInfoOpen(true)} onOpenMedia={() => setMediaOpen(true)} actions={chat.data ? <MuteControl chatId={chatId} mutedUntil={chat.data.mutedUntil} /> : null} />
      <MediaPanel chatId={chatId} open={mediaOpen} onClose={() => setMediaOpen(false)} />
      {timeline ? (
        <ImageViewerProvider messages={timeline.messages}>
        <MessageList
          meId={meId}
          isGroup={isGroup}
          timeline={timeline}
          pending={pending}
          members={members ?? NO_MEMBERS}
          receipts={receipts}
          nameOf={nameOf}
          systemText={systemText}
          loadOlder={loadOlder}
          markRead={markRead}
          readSeq={summary?.myLastReadSeq}
          retry={retry}
          discard={discard}
        />
        </ImageViewerProvider>
      ) : open.error ? (
        <TimelineFailed error={open.error} onRetry={open.retry} />
      ) : (
        <TimelineLoading />
      )}
      {peer && closed ? <ChatClosed peerId={peer.id} byMe={!!blocked?.byMe} /> : <Composer key={chatId} chatId={chatId} autoFocus uploads={uploads} />}
      {isGroup && infoOpen && chat.data ? (
        <GroupInfoPanel
          chat={chat.data}
          meId={meId}
          onClose={() => setInfoOpen(false)}
          onLeft={() => {
            void queryClient.invalidateQueries({ queryKey: trpc.chat.list.queryKey() });
            router.replace("/");
          }}
          onBeforeLeave={() => {
            exit.setLeavingOnPurpose(true);
            messenger?.stopTyping(chatId);
          }}
          onLeaveFailed={() => exit.setLeavingOnPurpose(false)}
        />
      ) : null}
    </section>
    </ConversationProvider>
  );
}
