"use client";
// The open chat's images, in timeline order, and which one the viewer shows (null: closed).
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import type { AttachmentDto, MessageDto } from "~/shared/realtime/events";
import { ImageViewer } from "./image-viewer";

interface ImageViewerApi {
  open: (attachmentId: string) => void;
}

const ViewerContext = createContext<ImageViewerApi | null>(null);

export function useImageViewer(): ImageViewerApi | null {
  return useContext(ViewerContext);
}

export function ImageViewerProvider({ messages, children }: { messages: MessageDto[] | undefined; children: ReactNode }) {
  const [openId, setOpenId] = useState<string | null>(null);
  const images = useMemo<AttachmentDto[]>(
    () => (messages ?? []).flatMap((message) => (message.deletedAt ? [] : message.attachments.filter((attachment) => attachment.kind === "IMAGE" && !attachment.processing))),
    [messages],
  );
  const api = useMemo(() => ({ open: setOpenId }), []);
  const index = openId ? images.findIndex((image) => image.id === openId) : -1;
  return (
    <ViewerContext.Provider value={api}>
      {children}
      {index >= 0 ? <ImageViewer images={images} index={index} onIndex={(next) => setOpenId(images[next]?.id ?? null)} onClose={() => setOpenId(null)} /> : null}
    </ViewerContext.Provider>
  );
}
