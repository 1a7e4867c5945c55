"use client";
// The files of a message still in the outbox: a local preview (the bytes kept in IndexedDB, read
// back per file, so only what is on screen is held), the name, upload progress, and why it failed.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useMessenger } from "~/client/react";
import type { UploadJobState } from "~/client/uploads/types";
import { FileIcon } from "../icons";
import { useUploadErrorText } from "./upload-error-text";

export function PendingFiles({ uploads }: { uploads: UploadJobState[] }) {
  return (
    <div data-testid="pending-files" className="-mx-1.5 mb-1 flex flex-wrap gap-1 pt-0.5">
      {uploads.map((upload) => (
        <PendingFile key={upload.clientId} upload={upload} />
      ))}
    </div>
  );
}

function PendingFile({ upload }: { upload: UploadJobState }) {
  const t = useTranslations("chat.attachments");
  const errorText = useUploadErrorText();
  const preview = useLocalPreview(upload.clientId, upload.contentType.startsWith("image/"));
  const percent = upload.size > 0 ? Math.round((upload.loaded / upload.size) * 100) : 100;
  return (
    <div data-testid="pending-file" data-status={upload.status} className="flex w-40 max-w-full flex-col gap-1 rounded-xl bg-black/5 p-1.5 dark:bg-white/5">
      {preview ? (
        // eslint-disable-next-line @next/next/no-img-element -- a local object URL, not an optimisable asset
        <img data-testid="pending-file-preview" src={preview} alt={upload.fileName} className="aspect-square w-full rounded-lg object-cover" />
      ) : (
        <span className="flex items-center gap-1.5 truncate text-sm" title={upload.fileName} dir="auto">
          <FileIcon />
          {upload.fileName}
        </span>
      )}
      {upload.status === "uploading" || upload.status === "completing" ? (
        <div role="progressbar" aria-label={t("progress", { name: upload.fileName })} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-1 overflow-hidden rounded-full bg-black/10 dark:bg-white/10">
          <div className="h-full rounded-full bg-accent-500 transition-[width]" style={{ width: `${percent}%` }} />
        </div>
      ) : null}
      {upload.status === "failed" && upload.error ? (
        <p data-testid="pending-file-error" className="text-xs leading-tight text-red-600 dark:text-red-400">
          {errorText(upload.error)}
        </p>
      ) : null}
    </div>
  );
}

/** An object URL for an image's bytes kept in the outbox (revoked when the preview goes away). */
function useLocalPreview(uploadClientId: string, image: boolean): string | null {
  const messenger = useMessenger();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!messenger || !image) return;
    let created: string | null = null;
    let gone = false;
    void messenger
      .outboxFile(uploadClientId)
      .then((blob) => {
        if (gone || !blob) return;
        created = URL.createObjectURL(blob);
        setUrl(created);
      })
      .catch(() => undefined);
    return () => {
      gone = true;
      if (created) URL.revokeObjectURL(created);
    };
  }, [messenger, uploadClientId, image]);
  return url;
}
