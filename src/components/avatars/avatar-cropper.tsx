"use client";
// Choosing an avatar's square: the picked image covers a square frame; drag (or arrow keys) to
// move it, the slider (or +/-) to zoom. Saving draws the framed square onto a 512×512 canvas and
// hands over a WebP (JPEG where WebP encoding is missing); the server makes the 256 px avatar.
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { clampView, initialView, MAX_ZOOM, MIN_ZOOM, sourceSquare, zoomTo, type CropView, type Size } from "~/client/avatars/square-crop";
import { Dialog } from "~/components/chat/dialog";
import { Button } from "~/components/ui/button";

const FRAME = 256;
const OUTPUT = 512;
const KEY_STEP = 10;

function toBlob(canvas: HTMLCanvasElement, type: string): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, type, 0.9));
}

async function cropped(image: HTMLImageElement, size: Size, view: CropView): Promise<Blob> {
  const canvas = document.createElement("canvas");
  canvas.width = OUTPUT;
  canvas.height = OUTPUT;
  const square = sourceSquare(size, FRAME, view);
  canvas.getContext("2d")!.drawImage(image, square.x, square.y, square.side, square.side, 0, 0, OUTPUT, OUTPUT);
  const webp = await toBlob(canvas, "image/webp");
  const blob = webp?.type === "image/webp" ? webp : await toBlob(canvas, "image/jpeg");
  if (!blob) throw new Error("The image could not be encoded");
  return blob;
}

export function AvatarCropper({ file, onCancel, onCrop }: { file: File; onCancel: () => void; onCrop: (blob: Blob) => void }) {
  const t = useTranslations("avatar");
  const [source, setSource] = useState<{ url: string; size: Size } | null>(null);
  const [failed, setFailed] = useState(false);
  const [view, setView] = useState<CropView>({ zoom: 1, x: 0, y: 0 });
  const image = useRef<HTMLImageElement | null>(null);
  const drag = useRef<{ x: number; y: number; view: CropView } | null>(null);

  useEffect(() => {
    const url = URL.createObjectURL(file);
    const probe = new Image();
    probe.onload = () => {
      const size = { width: probe.naturalWidth, height: probe.naturalHeight };
      image.current = probe;
      setSource({ url, size });
      setView(initialView(size, FRAME));
    };
    probe.onerror = () => setFailed(true);
    probe.src = url;
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const move = (next: CropView) => source && setView(clampView(source.size, FRAME, next));
  const zoom = (value: number) => source && setView(zoomTo(source.size, FRAME, view, value));
  const scale = source ? (FRAME / Math.min(source.size.width, source.size.height)) * view.zoom : 1;

  return (
    <Dialog open onClose={onCancel} title={t("cropTitle")} description={t("cropHint")} testId="avatar-cropper">
      {failed ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {t("unreadable")}
        </p>
      ) : (
        <div className="flex flex-col items-center gap-4">
          <div
            role="img"
            aria-label={t("frame")}
            tabIndex={0}
            data-testid="avatar-crop-frame"
            className="relative cursor-grab touch-none overflow-hidden rounded-full bg-neutral-200 outline-offset-4 focus-visible:outline-2 focus-visible:outline-accent-500 active:cursor-grabbing dark:bg-neutral-800"
            style={{ width: FRAME, height: FRAME }}
            onPointerDown={(event) => {
              event.currentTarget.setPointerCapture(event.pointerId);
              drag.current = { x: event.clientX, y: event.clientY, view };
            }}
            onPointerMove={(event) => {
              const start = drag.current;
              if (start) move({ ...start.view, x: start.view.x + event.clientX - start.x, y: start.view.y + event.clientY - start.y });
            }}
            onPointerUp={() => (drag.current = null)}
            onWheel={(event) => zoom(view.zoom * (event.deltaY < 0 ? 1.1 : 1 / 1.1))}
            onKeyDown={(event) => {
              const shift: Record<string, [number, number]> = { ArrowLeft: [KEY_STEP, 0], ArrowRight: [-KEY_STEP, 0], ArrowUp: [0, KEY_STEP], ArrowDown: [0, -KEY_STEP] };
              if (shift[event.key]) {
                event.preventDefault();
                move({ ...view, x: view.x + shift[event.key]![0], y: view.y + shift[event.key]![1] });
              } else if (event.key === "+" || event.key === "=" || event.key === "-") {
                event.preventDefault();
                zoom(view.zoom * (event.key === "-" ? 1 / 1.2 : 1.2));
              }
            }}
          >
            {source ? (
              // eslint-disable-next-line @next/next/no-img-element -- a local object URL, positioned by hand
              <img
                src={source.url}
                alt=""
                draggable={false}
                className="pointer-events-none absolute max-w-none select-none"
                style={{ left: view.x, top: view.y, width: source.size.width * scale, height: source.size.height * scale }}
              />
            ) : null}
          </div>
          <label className="flex w-full max-w-xs items-center gap-3 text-sm">
            <span className="shrink-0">{t("zoom")}</span>
            <input
              type="range"
              min={MIN_ZOOM}
              max={MAX_ZOOM}
              step={0.01}
              value={view.zoom}
              data-testid="avatar-zoom"
              onChange={(event) => zoom(Number(event.target.value))}
              className="w-full accent-accent-500"
            />
          </label>
        </div>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          {t("cancel")}
        </Button>
        <Button
          data-testid="avatar-crop-save"
          disabled={!source}
          onClick={() => {
            if (source && image.current) void cropped(image.current, source.size, view).then(onCrop, () => setFailed(true));
          }}
        >
          {t("save")}
        </Button>
      </div>
    </Dialog>
  );
}
