"use client";
// The image viewer: a modal <dialog> (focus stays inside, Escape closes), zoom with the buttons, the
// wheel or a click, previous/next through the chat's loaded images with the arrow keys, download.
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { AttachmentDto } from "~/shared/realtime/events";
import { CloseIcon } from "../dialog";
import { ChevronIcon, DownloadIcon, ZoomIcon } from "../icons";
import { attachmentUrl, downloadUrl } from "./attachment-urls";

const ZOOMS = [1, 1.5, 2, 3, 4];

const BUTTON = "inline-flex size-10 items-center justify-center rounded-full text-white/90 hover:bg-white/15 disabled:opacity-30 disabled:hover:bg-transparent";

/** The previous/next arrow on the image's edge. */
function StepButton({ direction, label, disabled, onClick }: { direction: "previous" | "next"; label: string; disabled: boolean; onClick: () => void }) {
  const previous = direction === "previous";
  return (
    <button
      type="button"
      data-testid={`image-viewer-${direction}`}
      aria-label={label}
      disabled={disabled}
      onClick={onClick}
      className={`${BUTTON} absolute top-1/2 ${previous ? "left-2" : "right-2"} size-12 -translate-y-1/2 bg-black/30`}
    >
      <ChevronIcon direction={previous ? "left" : "right"} />
    </button>
  );
}

export function ImageViewer({ images, index, onIndex, onClose }: { images: AttachmentDto[]; index: number; onIndex: (index: number) => void; onClose: () => void }) {
  const t = useTranslations("chat.attachments.viewer");
  const ref = useRef<HTMLDialogElement>(null);
  // The zoom belongs to one image: moving to another starts unzoomed.
  const [zoomed, setZoomed] = useState({ index, level: 0 });
  const zoom = zoomed.index === index ? zoomed.level : 0;
  const setZoom = (next: (current: number) => number) => setZoomed({ index, level: next(zoom) });
  const image = images[index]!;
  const hasPrevious = index > 0;
  const hasNext = index < images.length - 1;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const step = (delta: number) => setZoom((current) => Math.max(0, Math.min(ZOOMS.length - 1, current + delta)));
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "ArrowLeft" && hasPrevious) onIndex(index - 1);
    else if (event.key === "ArrowRight" && hasNext) onIndex(index + 1);
    else if (event.key === "+" || event.key === "=") step(1);
    else if (event.key === "-") step(-1);
    else return;
    event.preventDefault();
  };

  return (
    <dialog
      ref={ref}
      data-testid="image-viewer"
      aria-label={t("title", { index: index + 1, count: images.length })}
      onClose={onClose}
      onKeyDown={onKeyDown}
      className="m-0 size-full max-h-none max-w-none bg-black/90 p-0 text-white backdrop:bg-black/60"
    >
      <div className="flex h-full flex-col">
        <div className="flex shrink-0 items-center gap-1 p-2">
          <p className="min-w-0 flex-1 truncate px-2 text-sm text-white/80" dir="auto">
            <span data-testid="image-viewer-position" className="tabular-nums">
              {index + 1} / {images.length}
            </span>{" "}
            · {image.fileName}
          </p>
          <button type="button" data-testid="image-viewer-zoom-out" aria-label={t("zoomOut")} title={t("zoomOut")} disabled={zoom === 0} onClick={() => step(-1)} className={BUTTON}>
            <ZoomIcon out />
          </button>
          <button type="button" data-testid="image-viewer-zoom-in" aria-label={t("zoomIn")} title={t("zoomIn")} disabled={zoom === ZOOMS.length - 1} onClick={() => step(1)} className={BUTTON}>
            <ZoomIcon />
          </button>
          <a href={downloadUrl(image.id)} download={image.fileName} data-testid="image-viewer-download" aria-label={t("download")} title={t("download")} className={BUTTON}>
            <DownloadIcon />
          </a>
          <button type="button" data-testid="image-viewer-close" aria-label={t("close")} title={t("close")} onClick={() => ref.current?.close()} className={BUTTON} autoFocus>
            <CloseIcon className="size-6" />
          </button>
        </div>
        <div
          className="relative min-h-0 flex-1 overflow-auto"
          onWheel={(event) => step(event.deltaY < 0 ? 1 : -1)}
        >
          <div className="flex min-h-full min-w-full items-center justify-center" style={{ width: `${ZOOMS[zoom]! * 100}%`, height: zoom ? `${ZOOMS[zoom]! * 100}%` : undefined }}>
            {/* eslint-disable-next-line @next/next/no-img-element -- a signed redirect per viewer */}
            <img
              key={image.id}
              data-testid="image-viewer-image"
              src={attachmentUrl(image.id)}
              alt={image.fileName}
              width={image.width ?? undefined}
              height={image.height ?? undefined}
              onClick={() => setZoom((current) => (current === 0 ? 2 : 0))}
              className={zoom ? "size-full cursor-zoom-out object-contain" : "max-h-[calc(100dvh-4rem)] max-w-full cursor-zoom-in object-contain"}
            />
          </div>
          <StepButton direction="previous" label={t("previous")} disabled={!hasPrevious} onClick={() => onIndex(index - 1)} />
          <StepButton direction="next" label={t("next")} disabled={!hasNext} onClick={() => onIndex(index + 1)} />
        </div>
      </div>
    </dialog>
  );
}
