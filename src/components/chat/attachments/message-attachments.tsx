"use client";
// A message's files in the timeline: pictures and videos in a grid with their space reserved before
// they load, other files as cards that download under their own name, voice and audio playable inline.
import { useLocale, useTranslations } from "next-intl";
import type { AttachmentDto } from "~/shared/realtime/events";
import { cn } from "~/components/ui/cn";
import { DownloadIcon, FileIcon } from "../icons";
import { formatBytes } from "../format";
import { attachmentUrl, downloadUrl, fitBox, isVisual, previewUrl, typeLabel } from "./attachment-urls";
import { useImageViewer } from "./image-viewer-context";
import { ProcessingPlaceholder } from "./processing-placeholder";
import { VoicePlayer } from "./voice-player";

const SINGLE_MAX = { width: 320, height: 360 };

export function MessageAttachments({ attachments }: { attachments: AttachmentDto[] }) {
  const visual = attachments.filter(isVisual);
  const others = attachments.filter((attachment) => !isVisual(attachment));
  return (
    <div data-testid="message-attachments" className="-mx-1.5 mb-1 flex flex-col gap-1 pt-0.5">
      {visual.length === 1 ? <SingleMedia attachment={visual[0]!} /> : visual.length > 1 ? <MediaGrid attachments={visual} /> : null}
      {others.map((attachment) =>
        attachment.kind === "VOICE" || attachment.kind === "AUDIO" ? (
          <VoicePlayer key={attachment.id} attachment={attachment} />
        ) : (
          <FileCard key={attachment.id} attachment={attachment} />
        ),
      )}
    </div>
  );
}

function SingleMedia({ attachment }: { attachment: AttachmentDto }) {
  const box = fitBox(attachment.width, attachment.height, SINGLE_MAX.width, SINGLE_MAX.height);
  // The width is capped by the bubble; aspect-ratio keeps the height in step, so nothing jumps.
  return (
    <div className="overflow-hidden rounded-xl bg-black/5 dark:bg-white/5" style={{ width: box.width, maxWidth: "100%", aspectRatio: `${box.width} / ${box.height}` }}>
      <Media attachment={attachment} />
    </div>
  );
}

function MediaGrid({ attachments }: { attachments: AttachmentDto[] }) {
  return (
    <div className={cn("grid w-[20rem] max-w-full gap-0.5 overflow-hidden rounded-xl", attachments.length === 2 || attachments.length === 4 ? "grid-cols-2" : "grid-cols-3")}>
      {attachments.map((attachment) => (
        <div key={attachment.id} className="aspect-square bg-black/5 dark:bg-white/5">
          <Media attachment={attachment} cover />
        </div>
      ))}
    </div>
  );
}

function Media({ attachment, cover }: { attachment: AttachmentDto; cover?: boolean }) {
  const t = useTranslations("chat.attachments");
  const viewer = useImageViewer();
  if (attachment.kind === "VIDEO") {
    return (
      <video
        data-testid="attachment-video"
        controls
        preload="metadata"
        poster={attachment.hasThumbnail ? attachmentUrl(attachment.id, "thumbnail") : undefined}
        src={attachmentUrl(attachment.id)}
        className={cn("size-full bg-black", cover ? "object-cover" : "object-contain")}
      />
    );
  }
  if (attachment.processing) return <ProcessingPlaceholder fileName={attachment.fileName} />;
  return (
    <button
      type="button"
      data-testid="attachment-image"
      data-attachment-id={attachment.id}
      aria-label={t("openImage", { name: attachment.fileName })}
      onClick={() => viewer?.open(attachment.id)}
      className="block size-full cursor-zoom-in focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-accent-500"
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- a signed redirect per viewer, not an optimisable asset */}
      <img src={previewUrl(attachment)} alt={attachment.fileName} width={attachment.width ?? undefined} height={attachment.height ?? undefined} loading="lazy" decoding="async" className="size-full object-cover" />
    </button>
  );
}

export function FileCard({ attachment }: { attachment: AttachmentDto }) {
  const t = useTranslations("chat.attachments");
  const locale = useLocale();
  return (
    <a
      href={downloadUrl(attachment.id)}
      download={attachment.fileName}
      data-testid="attachment-file"
      aria-label={t("download", { name: attachment.fileName })}
      className="group flex w-72 max-w-full items-center gap-3 rounded-xl bg-black/[0.04] p-2 pr-3 hover:bg-black/[0.08] dark:bg-white/[0.06] dark:hover:bg-white/[0.1]"
    >
      <span className="relative flex size-11 shrink-0 items-center justify-center rounded-lg bg-accent-500 text-white">
        <FileIcon className="size-6 group-hover:invisible" />
        <DownloadIcon className="invisible absolute size-6 group-hover:visible" />
      </span>
      <span className="min-w-0 flex-1">
        <span className="block truncate text-[14px] font-medium" dir="auto" title={attachment.fileName}>
          {attachment.fileName}
        </span>
        <span className="block text-xs text-neutral-500 tabular-nums dark:text-neutral-400">
          {formatBytes(attachment.size, locale)} · {typeLabel(attachment)}
        </span>
      </span>
    </a>
  );
}
