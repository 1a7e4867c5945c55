"use client";
// The composer's voice controls: the mic button (in place of Send while the box is empty) and, while
// recording, the bar with the elapsed time, a live level meter and (locked) cancel and send.
import { useTranslations } from "next-intl";
import { cn } from "~/components/ui/cn";
import { formatDuration } from "../attachments/attachment-urls";
import { useUploadErrorText } from "../attachments/upload-error-text";
import { MicIcon, SendIcon, TrashIcon } from "../icons";
import type { useVoiceRecording, VoiceError } from "./use-voice-recording";

type Voice = ReturnType<typeof useVoiceRecording>;

const ROUND = "inline-flex size-11 shrink-0 items-center justify-center rounded-full transition-colors";

export function MicButton({ voice }: { voice: Voice }) {
  const t = useTranslations("chat.voice");
  const holding = voice.state.phase === "recording" && voice.state.mode === "hold";
  return (
    <button
      type="button"
      data-testid="composer-mic"
      aria-label={t("record")}
      title={t("recordHint")}
      aria-pressed={holding}
      disabled={voice.state.phase === "sending"}
      {...voice.micHandlers}
      // Touch: no scrolling or text selection while the finger holds the button.
      className={cn(
        ROUND,
        "touch-none select-none",
        holding ? "scale-110 bg-red-600 text-white" : "bg-accent-500 text-white hover:bg-accent-600",
        "disabled:cursor-wait disabled:bg-neutral-200 disabled:text-neutral-400 dark:disabled:bg-neutral-800",
      )}
    >
      <MicIcon />
    </button>
  );
}

export function RecordingBar({ voice }: { voice: Voice }) {
  const t = useTranslations("chat.voice");
  const { state } = voice;
  if (state.phase === "sending") {
    return (
      <p role="status" data-testid="voice-sending" className="flex min-h-11 flex-1 items-center px-4 text-sm text-neutral-500 dark:text-neutral-400">
        {t("sending")}
      </p>
    );
  }
  if (state.phase !== "recording") return null;
  const locked = state.mode === "locked";
  return (
    <div data-testid="voice-recording" role="group" aria-label={t("recording")} className="flex min-h-11 min-w-0 flex-1 items-center gap-3 rounded-3xl bg-neutral-100 px-3 dark:bg-neutral-800">
      {locked ? (
        <button type="button" data-testid="voice-cancel" aria-label={t("cancel")} title={t("cancel")} onClick={voice.cancel} className={cn(ROUND, "size-9 text-red-600 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950")}>
          <TrashIcon />
        </button>
      ) : null}
      <span aria-hidden="true" className="size-2.5 shrink-0 animate-pulse rounded-full bg-red-600" />
      <span data-testid="voice-elapsed" role="timer" aria-label={t("elapsed")} className="text-sm text-neutral-800 tabular-nums dark:text-neutral-100">
        {formatDuration(state.elapsedMs)}
      </span>
      <span aria-hidden="true" className="flex h-6 min-w-0 flex-1 items-center gap-px overflow-hidden">
        {state.levels.map((level, index) => (
          <span key={index} className="w-1 shrink-0 rounded-full bg-red-500/70" style={{ height: `${Math.max(10, Math.min(100, level * 300))}%` }} />
        ))}
      </span>
      {locked ? null : (
        <span className="shrink-0 text-xs text-neutral-500 dark:text-neutral-400" style={{ opacity: Math.max(0.3, 1 - state.slide / 90) }}>
          {t("slideToCancel")}
        </span>
      )}
      {locked ? (
        <button type="button" data-testid="voice-send" aria-label={t("send")} title={t("send")} onClick={voice.finish} className={cn(ROUND, "size-9 bg-accent-500 text-white hover:bg-accent-600")}>
          <SendIcon className="size-4" />
        </button>
      ) : null}
    </div>
  );
}

export function VoiceErrorNotice({ voice }: { voice: Voice }) {
  const t = useTranslations("chat.voice.errors");
  const uploadError = useUploadErrorText();
  if (!voice.error) return null;
  const text = (error: VoiceError) => (typeof error === "string" ? t(error) : uploadError(error.upload));
  return (
    <p role="alert" data-testid="voice-error" className="mx-auto mb-1 flex max-w-3xl items-center gap-2 px-2 text-xs text-red-600 dark:text-red-400">
      <span className="min-w-0 flex-1">{text(voice.error)}</span>
      <button type="button" onClick={voice.clearError} className="shrink-0 underline">
        {t("dismiss")}
      </button>
    </p>
  );
}
