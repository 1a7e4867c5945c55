"use client";
// Voice messages and audio files played inline: a play button, the waveform (or a bar) filling as it
// plays — click or arrow keys to seek — and the time; the sound comes from a plain <audio> element.
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import type { AttachmentDto } from "~/shared/realtime/events";
import { cn } from "~/components/ui/cn";
import { PauseIcon, PlayIcon } from "../icons";
import { attachmentUrl, formatDuration } from "./attachment-urls";

const BARS = 40;

/** The waveform resampled to a fixed number of bars (0..1). */
function bars(waveform: number[] | null): number[] | null {
  if (!waveform?.length) return null;
  return Array.from({ length: BARS }, (_, index) => (waveform[Math.floor((index * waveform.length) / BARS)] ?? 0) / 255);
}

export function VoicePlayer({ attachment }: { attachment: AttachmentDto }) {
  const t = useTranslations("chat.attachments");
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [duration, setDuration] = useState((attachment.durationMs ?? 0) / 1000);
  const progress = duration > 0 ? Math.min(1, position / duration) : 0;
  const levels = bars(attachment.waveform);
  const seek = (fraction: number) => {
    if (!audio.current || !duration) return;
    audio.current.currentTime = Math.max(0, Math.min(1, fraction)) * duration;
  };

  return (
    <div data-testid="attachment-audio" data-kind={attachment.kind} className="flex w-72 max-w-full items-center gap-2 rounded-xl p-1.5">
      <audio
        ref={audio}
        src={attachmentUrl(attachment.id)}
        preload="metadata"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPosition(0)}
        onTimeUpdate={(event) => setPosition(event.currentTarget.currentTime)}
        onLoadedMetadata={(event) => Number.isFinite(event.currentTarget.duration) && setDuration(event.currentTarget.duration)}
      />
      <button
        type="button"
        data-testid="audio-play"
        aria-label={playing ? t("pause") : t("play")}
        onClick={() => (playing ? audio.current?.pause() : void audio.current?.play())}
        className="inline-flex size-10 shrink-0 items-center justify-center rounded-full bg-accent-500 text-white hover:bg-accent-600"
      >
        {playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <div className="min-w-0 flex-1">
        <div
          role="slider"
          tabIndex={0}
          aria-label={attachment.kind === "VOICE" ? t("voice") : attachment.fileName}
          aria-valuemin={0}
          aria-valuemax={Math.round(duration)}
          aria-valuenow={Math.round(position)}
          aria-valuetext={`${formatDuration(position * 1000)} / ${formatDuration(duration * 1000)}`}
          onClick={(event) => {
            const rect = event.currentTarget.getBoundingClientRect();
            seek((event.clientX - rect.left) / rect.width);
          }}
          onKeyDown={(event) => {
            if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
              event.preventDefault();
              seek(progress + (event.key === "ArrowRight" ? 0.05 : -0.05));
            }
          }}
          className="flex h-7 cursor-pointer items-center gap-px rounded focus-visible:outline-2 focus-visible:outline-accent-500"
        >
          {levels ? (
            levels.map((level, index) => (
              <span
                key={index}
                className={cn("w-full rounded-full", index / BARS < progress ? "bg-accent-600 dark:bg-accent-300" : "bg-neutral-400/60")}
                style={{ height: `${Math.max(12, level * 100)}%` }}
              />
            ))
          ) : (
            <span className="h-1.5 w-full overflow-hidden rounded-full bg-neutral-400/50">
              <span className="block h-full bg-accent-600 dark:bg-accent-300" style={{ width: `${progress * 100}%` }} />
            </span>
          )}
        </div>
        <p className="truncate text-xs text-neutral-500 tabular-nums dark:text-neutral-400">
          {attachment.kind === "AUDIO" ? `${attachment.fileName} · ` : ""}
          {formatDuration((playing || position > 0 ? position : duration) * 1000)}
        </p>
      </div>
    </div>
  );
}
