"use client";
// What one can do with a sent message in the open chat: reply, edit, delete (for everyone or for
// me), and jump to a quoted message. The composer reads the reply or edit in progress from here.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { useMessenger } from "~/client/react";
import type { MessageDto } from "~/shared/realtime/events";

/** How many older pages a jump to a quoted message may load before giving up. */
const JUMP_MAX_PAGES = 20;
const HIGHLIGHT_MS = 2_000;

interface Conversation {
  replyTo: MessageDto | null;
  editing: MessageDto | null;
  highlighted: string | null;
  /** A change the server refused (shown above the composer until the next action). */
  failed: boolean;
  /** Group owners and admins may delete anyone's message. */
  moderator: boolean;
  nameOf: (userId: string | null) => string;
  reply: (message: MessageDto) => void;
  startEdit: (message: MessageDto) => void;
  cancel: () => void;
  saveEdit: (content: string) => Promise<void>;
  remove: (message: MessageDto, forEveryone: boolean) => void;
  jumpTo: (messageId: string) => Promise<void>;
}

const ConversationContext = createContext<Conversation | null>(null);

export function useConversation(): Conversation | null {
  return useContext(ConversationContext);
}

function rowOf(messageId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"]`);
}

export function ConversationProvider(props: { chatId: string; moderator: boolean; nameOf: (userId: string | null) => string; children: ReactNode }) {
  const { chatId, moderator, nameOf } = props;
  const messenger = useMessenger();
  const [replyTo, setReplyTo] = useState<MessageDto | null>(null);
  const [editing, setEditing] = useState<MessageDto | null>(null);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  const run = useCallback((work: Promise<unknown> | undefined) => {
    setFailed(false);
    return (work ?? Promise.resolve()).then(
      () => undefined,
      () => setFailed(true),
    );
  }, []);

  const jumpTo = useCallback(
    async (messageId: string) => {
      if (!messenger) return;
      // Not loaded yet: older pages until it is (bounded), then scroll to it.
      for (let page = 0; page < JUMP_MAX_PAGES && !messenger.getState().timelines[chatId]?.messages.some((message) => message.id === messageId); page++) {
        if (!messenger.getState().timelines[chatId]?.hasOlder) break;
        await messenger.loadOlder(chatId);
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const row = rowOf(messageId);
      if (!row) return;
      row.scrollIntoView({ block: "center" });
      setHighlighted(messageId);
      setTimeout(() => setHighlighted((current) => (current === messageId ? null : current)), HIGHLIGHT_MS);
    },
    [messenger, chatId],
  );

  const value = useMemo<Conversation>(
    () => ({
      replyTo,
      editing,
      highlighted,
      failed,
      moderator,
      nameOf,
      reply: (message) => {
        setEditing(null);
        setReplyTo(message);
      },
      startEdit: (message) => {
        setReplyTo(null);
        setEditing(message);
      },
      cancel: () => {
        setReplyTo(null);
        setEditing(null);
        setFailed(false);
      },
      saveEdit: async (content) => {
        if (!editing) return;
        const target = editing;
        setEditing(null);
        await run(messenger?.edit(target.id, content));
      },
      remove: (message, forEveryone) => void run(forEveryone ? messenger?.deleteForEveryone(message.id) : messenger?.deleteForMe(message.id)),
      jumpTo,
    }),
    [replyTo, editing, highlighted, failed, moderator, nameOf, run, messenger, jumpTo],
  );
  return <ConversationContext.Provider value={value}>{props.children}</ConversationContext.Provider>;
}
