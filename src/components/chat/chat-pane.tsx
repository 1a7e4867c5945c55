"use client";
// One open chat: its header, messages (from the Messenger's timeline and outbox) and composer, and
// for groups the info panel. Leaves for "/" with a notice when the chat is gone for this person.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useMarkRead, useMessenger, useMessengerState } from "~/client/react";
import { serverErrorMessage, type LooseTranslator } from "~/components/forms/server-error";
import { Button } from "~/components/ui/button";
import { useTRPC } from "~/trpc/react";
import { ChatClosed } from "./chat-closed";
import { ChatHeader, type HeaderInfo } from "./chat-header";
import { Composer } from "./composer";
import { GroupInfoPanel } from "./group-info-panel";
import { useMeId } from "./me-context";
import { MessageList } from "./message-list";
import { useNotify } from "./notice";
import { useChatTitle, useMemberNames, usePersonName, type ChatMember } from "./people";
import { useSystemText } from "./system-text";

const NO_MEMBERS: ChatMember[] = [];

/** The chat does not exist for this person (not a member, removed, a malformed id). */
function isGone(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const code = (error.data as { code?: string } | undefined)?.code;
  return code === "NOT_FOUND" || code === "BAD_REQUEST";
}

export function ChatPane({ chatId }: { chatId: string }) {
  const t = useTranslations("chat");
  const tRoot = useTranslations() as unknown as LooseTranslator;
  const meId = useMeId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const notify = useNotify();
  const messenger = useMessenger();
  const markRead = useMarkRead();
  const personName = usePersonName();
  const chatTitle = useChatTitle();

  const chat = useQuery(trpc.chat.get.queryOptions({ chatId }));
  const list = useQuery(trpc.chat.list.queryOptions());
  const summary = useMemo(() => list.data?.find((candidate) => candidate.id === chatId), [list.data, chatId]);
  const timeline = useMessengerState((state) => state.timelines[chatId]);
  const outbox = useMessengerState((state) => state.outbox);
  const receipts = useMessengerState((state) => state.receipts[chatId]);
  const typingMap = useMessengerState((state) => state.typing[chatId]);
  const connection = useMessengerState((state) => state.connection);

  const members = chat.data?.members;
  const isGroup = (chat.data?.type ?? summary?.type) === "GROUP";
  const peer = !isGroup ? members?.find((member) => member.id !== meId) : undefined;
  const presence = useMessengerState((state) => (peer ? state.presence[peer.id] : undefined));
  const nameOf = useMemberNames(members);
  const systemText = useSystemText(meId, nameOf);
  const [infoOpen, setInfoOpen] = useState(false);
  const [openError, setOpenError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  // --- leaving when the chat is gone ---
  const left = useRef(false);
  const leave = useCallback(
    (reason: "removed" | "notFound") => {
      if (left.current) return;
      left.current = true;
      notify(t(`notice.${reason}`));
      router.replace("/");
    },
    [notify, router, t],
  );
  const hadChat = chat.data !== undefined;
  useEffect(() => {
    if (chat.isError && isGone(chat.error)) leave(hadChat ? "removed" : "notFound");
  }, [chat.isError, chat.error, hadChat, leave]);

  // chat:removed drops the timeline this pane had.
  const timelineSeen = useRef<{ messenger: unknown; seen: boolean }>({ messenger: null, seen: false });
  useEffect(() => {
    if (timelineSeen.current.messenger !== messenger) timelineSeen.current = { messenger, seen: false };
    if (timeline) timelineSeen.current.seen = true;
    else if (timelineSeen.current.seen) leave("removed");
  }, [timeline, messenger, leave]);

  // A fresh chat list without this chat (e.g. removed while offline): ask the server to be sure.
  useEffect(() => {
    if (list.data && hadChat && !list.data.some((candidate) => candidate.id === chatId)) void chat.refetch();
  }, [list.dataUpdatedAt]);

  // --- loading the timeline ---
  useEffect(() => {
    if (!messenger) return;
    let cancelled = false;
    messenger.openChat(chatId).then(
      () => !cancelled && setOpenError(null),
      (error: unknown) => {
        if (cancelled) return;
        if (isGone(error)) leave(timelineSeen.current.seen ? "removed" : "notFound");
        else setOpenError(error);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [messenger, chatId, attempt, leave]);
  useEffect(() => {
    if (connection === "online" && openError) setAttempt((value) => value + 1);
  }, [connection]);

  // --- receipts and presence ---
  useEffect(() => {
    if (!messenger || !chat.data) return;
    // Live marks that came in while chat.get was loading are newer: keep the higher of the two.
    const live = messenger.getState().receipts[chatId] ?? {};
    messenger.setReceipts(
      chatId,
      chat.data.members.map((member) => ({
        id: member.id,
        lastReadSeq: Math.max(member.lastReadSeq, live[member.id]?.lastReadSeq ?? 0),
        lastDeliveredSeq: Math.max(member.lastDeliveredSeq, live[member.id]?.lastDeliveredSeq ?? 0),
      })),
    );
  }, [messenger, chatId, chat.dataUpdatedAt]);

  const peerId = peer?.id;
  useEffect(() => {
    if (messenger && peerId && connection === "online") void messenger.queryPresence([peerId]);
  }, [messenger, peerId, connection]);

  // --- derived view ---
  const pending = useMemo(() => {
    const stored = new Set(timeline?.messages.map((message) => message.clientId).filter(Boolean));
    return outbox.filter((item) => item.chatId === chatId && !stored.has(item.clientId));
  }, [outbox, timeline, chatId]);

  const typing = useMemo(
    () =>
      Object.keys(typingMap ?? {})
        // A "stop" from someone who has just left is refused by the server: members only.
        .filter((userId) => userId !== meId && (!members || members.some((member) => member.id === userId)))
        .map((userId) => nameOf(userId)),
    [typingMap, meId, members, nameOf],
  );

  const title = chat.data
    ? chat.data.type === "GROUP"
      ? chat.data.title || "…"
      : personName(peer)
    : summary
      ? chatTitle(summary)
      : "";
  const directPeer = peer ?? summary?.peer ?? null;
  const header: HeaderInfo = {
    title,
    avatar: !title
      ? null
      : isGroup
        ? { name: title, seed: chatId }
        : { name: directPeer?.displayName || title, seed: directPeer?.id ?? chatId, url: directPeer?.avatarUrl },
    isGroup,
    memberCount: members?.length ?? summary?.memberCount ?? null,
    peerDeleted: directPeer?.deleted ?? false,
    presence,
    typing,
    profileHref: directPeer && !directPeer.deleted ? `/people/${directPeer.id}` : null,
  };
  const blocked = chat.data?.blocked;

  // Stable callbacks: the message list re-renders only when its own data changes (not on typing).
  const markReadRef = useRef(markRead);
  useEffect(() => {
    markReadRef.current = markRead;
  });
  const onRead = useCallback((seq: number) => markReadRef.current(chatId, seq), [chatId]);
  const loadOlder = useCallback(() => messenger?.loadOlder(chatId) ?? Promise.resolve(), [messenger, chatId]);
  const retry = useCallback((clientId: string) => void messenger?.retry(clientId), [messenger]);
  const discard = useCallback((clientId: string) => void messenger?.discard(clientId), [messenger]);

  return (
    <section data-testid="chat-pane" data-chat-id={chatId} aria-label={title} className="chat-backdrop relative flex min-h-0 flex-1 flex-col">
      <ChatHeader info={header} infoOpen={infoOpen} onOpenInfo={() => setInfoOpen(true)} />
      {timeline ? (
        <MessageList
          chatId={chatId}
          meId={meId}
          isGroup={isGroup}
          timeline={timeline}
          pending={pending}
          members={members ?? NO_MEMBERS}
          receipts={receipts}
          nameOf={nameOf}
          systemText={systemText}
          loadOlder={loadOlder}
          markRead={onRead}
          listReadSeq={summary?.myLastReadSeq}
          retry={retry}
          discard={discard}
        />
      ) : openError ? (
        <div className="flex min-h-0 flex-1 flex-col items-center justify-center gap-3 px-6 text-center">
          <p role="alert" className="max-w-sm rounded-2xl bg-white/90 px-4 py-3 text-sm text-neutral-700 shadow-sm dark:bg-neutral-900/90 dark:text-neutral-200">
            {t("loadFailed")} {serverErrorMessage(tRoot, openError)}
          </p>
          <Button variant="secondary" size="sm" onClick={() => setAttempt((value) => value + 1)}>
            {t("retry")}
          </Button>
        </div>
      ) : (
        <div role="status" aria-live="polite" className="flex min-h-0 flex-1 items-center justify-center">
          <span className="rounded-full bg-white/80 px-3 py-1 text-sm text-neutral-500 shadow-sm dark:bg-neutral-900/80 dark:text-neutral-400">{t("loading")}</span>
        </div>
      )}
      {peer && (blocked?.byMe || blocked?.byThem) ? <ChatClosed peerId={peer.id} byMe={blocked.byMe} /> : <Composer key={chatId} chatId={chatId} autoFocus />}
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
            left.current = true;
            messenger?.stopTyping(chatId);
          }}
          onLeaveFailed={() => {
            left.current = false;
          }}
        />
      ) : null}
    </section>
  );
}
