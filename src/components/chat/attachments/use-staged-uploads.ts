"use client";
// The composer's staged files for one chat (src/client/uploads/upload-tray.ts), with the size
// limit and the quota left from attachment.usage checked before a byte is sent.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { trpcUploadApi } from "~/client/uploads/trpc-upload-api";
import type { UploadJob } from "~/client/uploads/upload-job";
import { UploadTray, type StagedFile } from "~/client/uploads/upload-tray";
import { xhrPut } from "~/client/uploads/xhr-put";
import { MESSAGE_MAX_ATTACHMENTS } from "~/shared/schemas/chat";
import { useTRPC, useTRPCClient } from "~/trpc/react";

export interface StagedUploads {
  files: StagedFile[];
  add: (files: File[]) => void;
  /** The last files added went beyond the per-message maximum (the extra ones were left out). */
  refused: boolean;
  remove: (clientId: string) => void;
  retry: (clientId: string) => void;
  /** No file was refused: Send queues the message, and the outbox finishes the uploads. */
  ready: boolean;
  take: () => UploadJob[];
}

const NO_FILES: StagedFile[] = [];

export function useStagedUploads(chatId: string): StagedUploads {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const usage = useQuery(trpc.attachment.usage.queryOptions(undefined, { staleTime: 30_000 }));
  const limitsRef = useRef(usage.data);
  useEffect(() => {
    limitsRef.current = usage.data;
  }, [usage.data]);
  const [tray] = useState(
    () =>
      new UploadTray({
        chatId,
        deps: { api: trpcUploadApi(client), put: xhrPut },
        maxFiles: MESSAGE_MAX_ATTACHMENTS,
        limits: () => {
          const known = limitsRef.current;
          // The per-file limit is checked by createUpload before any byte is sent; the quota left is known here.
          return known && { remainingBytes: Math.max(0, known.quotaBytes - known.usedBytes) };
        },
        preview: { create: (file) => (file.type.startsWith("image/") ? URL.createObjectURL(file) : null), revoke: (url) => URL.revokeObjectURL(url) },
      }),
  );
  useEffect(() => () => tray.dispose(), [tray]);
  const files = useSyncExternalStore(tray.subscribe, tray.getSnapshot, () => NO_FILES);
  const [refused, setRefused] = useState(false);
  return {
    files,
    add: (picked) => setRefused(tray.add(picked) > 0),
    refused,
    remove: (clientId) => tray.remove(clientId),
    retry: (clientId) => tray.retry(clientId),
    ready: tray.ready,
    take: () => {
      setRefused(false);
      return tray.take();
    },
  };
}
