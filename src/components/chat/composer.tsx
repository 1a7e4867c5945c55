"use client";
// The message box: Enter sends, Shift+Enter starts a new line; typing is announced (throttled by
// the Messenger); drafts survive switching chats and reloads (src/client/drafts.ts). Files come from
// the attach button, a paste or a drop on the chat (the pane's `uploads`); the text is their caption.
import { useTranslations } from "next-intl";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { readDraft, writeDraft } from "~/client/drafts";
import { useMessenger } from "~/client/react";
import { cn } from "~/components/ui/cn";
import { MESSAGE_MAX_ATTACHMENTS, MESSAGE_MAX_LENGTH, ZMessageContent } from "~/shared/schemas/chat";
import { AttachmentTray } from "./attachments/attachment-tray";
import { ComposerContextBar } from "./composer-context-bar";
import { useConversation } from "./conversation-actions";
import type { StagedUploads } from "./attachments/use-staged-uploads";
import { PaperclipIcon, SendIcon } from "./icons";
import { useMeId } from "./me-context";
import { useVoiceRecording } from "./voice/use-voice-recording";
import { MicButton, RecordingBar, VoiceErrorNotice } from "./voice/voice-controls";

const COUNTER_FROM = MESSAGE_MAX_LENGTH - 500;
const MAX_HEIGHT_PX = 200;

export function Composer({ chatId, autoFocus, uploads }: { chatId: string; autoFocus?: boolean; uploads: StagedUploads }) {
  const t = useTranslations("chat.composer");
  const tAttachments = useTranslations("chat.attachments");
  const messenger = useMessenger();
  const me = useMeId();
  const [text, setText] = useState(() => readDraft(me, chatId));
  const conversation = useConversation();
  const editing = conversation?.editing ?? null;
  const replyTo = conversation?.replyTo ?? null;
  const ref = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const withFiles = uploads.files.length > 0;
  const voice = useVoiceRecording(chatId);
  const voiceActive = voice.state.phase !== "idle";
  // Like Telegram: an empty box offers the microphone where the send button would be.
  const showMic = voiceActive || (!withFiles && text === "");

  const length = text.trim().length;
  const tooLong = length > MESSAGE_MAX_LENGTH;
  // The server's rule: something visible (not only blanks or zero-width marks), within the limit.
  // With files the text is an optional caption; none may be refused (the outbox finishes the uploads).
  const sendable = withFiles ? uploads.ready && (text.trim() === "" || ZMessageContent.safeParse(text).success) : ZMessageContent.safeParse(text).success;
  const canSend = !!messenger && sendable;

  useLayoutEffect(() => {
    const area = ref.current;
    if (!area) return;
    area.style.height = "auto";
    area.style.height = `${Math.min(area.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [text]);

  useEffect(() => {
    // Phones would pop the keyboard up over the messages: focus only on wide screens.
    if (autoFocus && window.matchMedia("(min-width: 768px)").matches) ref.current?.focus();
  }, [autoFocus]);

  useEffect(() => () => messenger?.stopTyping(chatId), [messenger, chatId]);

  // Editing puts the message's text in the box; the draft (not written while editing) comes back
  // after. Adjusted while rendering, as React recommends for state derived from a changed prop.
  const [shownEdit, setShownEdit] = useState(editing);
  if (shownEdit !== editing) {
    setShownEdit(editing);
    setText(editing ? editing.content : readDraft(me, chatId));
  }
  useEffect(() => {
    if (editing || replyTo) ref.current?.focus();
  }, [editing, replyTo]);

  const update = (value: string) => {
    setText(value);
    // The text being edited is not a draft.
    if (!editing) writeDraft(me, chatId, value);
    if (value.trim()) messenger?.typing(chatId);
    else messenger?.stopTyping(chatId);
  };

  const send = () => {
    if (!messenger || !canSend) return;
    if (editing) {
      void conversation?.saveEdit(ZMessageContent.parse(text));
      return;
    }
    const content = text.trim() === "" ? "" : ZMessageContent.parse(text);
    const files = withFiles ? uploads.take() : [];
    update("");
    if (replyTo) conversation?.cancel();
    messenger.send(chatId, content, [], files, replyTo?.id).catch(() => {
      // Not queued (storage failed): give the text back, draft included.
      setText((current) => current || content);
      if (!readDraft(me, chatId)) writeDraft(me, chatId, content);
    });
    ref.current?.focus();
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
      className="shrink-0 border-t border-neutral-200 bg-white px-2 py-2 sm:px-4 dark:border-neutral-800 dark:bg-neutral-900"
      style={{ paddingBottom: "max(0.5rem, env(safe-area-inset-bottom))" }}
    >
      <ComposerContextBar />
      <AttachmentTray files={uploads.files} onRemove={uploads.remove} onRetry={uploads.retry} />
      {uploads.refused ? (
        <p role="status" data-testid="attachment-too-many" className="mx-auto mb-1 max-w-3xl px-2 text-xs text-red-600 dark:text-red-400">
          {tAttachments("tooMany", { max: MESSAGE_MAX_ATTACHMENTS })}
        </p>
      ) : null}
      <VoiceErrorNotice voice={voice} />
      <div className="mx-auto flex max-w-3xl items-end gap-2">
        {voiceActive ? <RecordingBar voice={voice} /> : null}
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          data-testid="composer-file-input"
          onChange={(event) => {
            uploads.add([...(event.target.files ?? [])]);
            event.target.value = "";
          }}
        />
        <button
          type="button"
          hidden={voiceActive}
          data-testid="composer-attach"
          aria-label={t("attach")}
          title={t("attach")}
          onClick={() => picker.current?.click()}
          className="inline-flex size-11 shrink-0 items-center justify-center rounded-full text-neutral-500 transition-colors hover:bg-neutral-100 hover:text-neutral-800 dark:text-neutral-400 dark:hover:bg-neutral-800 dark:hover:text-neutral-100"
        >
          <PaperclipIcon />
        </button>
        <div className={cn("relative min-w-0 flex-1", voiceActive && "hidden")}>
          <label htmlFor={`composer-${chatId}`} className="sr-only">
            {t("label")}
          </label>
          <textarea
            id={`composer-${chatId}`}
            ref={ref}
            name="message"
            data-testid="composer-input"
            rows={1}
            dir="auto"
            value={text}
            placeholder={withFiles ? t("caption") : t("placeholder")}
            aria-invalid={tooLong || undefined}
            aria-describedby={length >= COUNTER_FROM ? `composer-${chatId}-counter` : undefined}
            onChange={(event) => update(event.target.value)}
            onPaste={(event) => {
              // A pasted screenshot or copied image becomes an attachment; pasted text stays text.
              const images = [...event.clipboardData.files].filter((file) => file.type.startsWith("image/"));
              if (images.length === 0) return;
              event.preventDefault();
              uploads.add(images);
            }}
            onKeyDown={(event) => {
              if (event.key === "Escape" && (editing || replyTo)) {
                event.preventDefault();
                conversation?.cancel();
                return;
              }
              if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                send();
              }
            }}
            className={cn(
              "block max-h-[200px] min-h-11 w-full resize-none rounded-3xl border border-transparent bg-neutral-100 px-4 py-2.5 text-[15px] leading-6 text-neutral-900 placeholder:text-neutral-400",
              "focus:border-accent-500 focus:bg-white focus:ring-3 focus:ring-accent-500/20 focus:outline-none",
              "dark:bg-neutral-800 dark:text-neutral-100 dark:placeholder:text-neutral-500 dark:focus:border-accent-400 dark:focus:bg-neutral-900",
              tooLong && "border-red-500 focus:border-red-500 focus:ring-red-500/20 dark:focus:border-red-500",
            )}
          />
          {length >= COUNTER_FROM ? (
            <span
              id={`composer-${chatId}-counter`}
              data-testid="composer-counter"
              aria-live="polite"
              className={cn(
                "pointer-events-none absolute -top-6 right-3 rounded-full px-2 py-0.5 text-xs tabular-nums shadow-sm",
                tooLong ? "bg-red-600 font-medium text-white" : "bg-white text-neutral-600 dark:bg-neutral-800 dark:text-neutral-300",
              )}
            >
              {t("counter", { count: length, max: MESSAGE_MAX_LENGTH })}
            </span>
          ) : null}
        </div>
        {showMic ? (
          voice.state.phase === "recording" && voice.state.mode === "locked" ? null : <MicButton voice={voice} />
        ) : (
          <button
            type="submit"
            data-testid="composer-send"
            aria-label={t("send")}
            title={t("send")}
            disabled={!canSend}
            // Keep the keyboard (focus) in the text box when the button is pressed.
            onMouseDown={(event) => event.preventDefault()}
            className="inline-flex size-11 shrink-0 items-center justify-center rounded-full bg-accent-500 text-white transition-colors hover:bg-accent-600 active:bg-accent-700 disabled:cursor-not-allowed disabled:bg-neutral-200 disabled:text-neutral-400 dark:disabled:bg-neutral-800 dark:disabled:text-neutral-500"
          >
            <SendIcon />
          </button>
        )}
      </div>
    </form>
  );
}
