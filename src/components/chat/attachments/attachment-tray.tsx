"use client";
// The files staged above the message box: a preview (images) or an icon, name and size, a progress
// bar while uploading, the reason when it failed, and buttons to retry or remove each one.
import { useLocale, useTranslations } from "next-intl";
import { cn } from "~/components/ui/cn";
import { CloseIcon } from "../dialog";
import { formatBytes } from "../format";
import { FileIcon } from "../icons";
import type { StagedFile } from "~/client/uploads/upload-tray";
import { useUploadErrorText } from "./upload-error-text";

export function AttachmentTray({ files, onRemove, onRetry }: { files: StagedFile[]; onRemove: (clientId: string) => void; onRetry: (clientId: string) => void }) {
  const t = useTranslations("chat.attachments");
  if (files.length === 0) return null;
  return (
    <ul data-testid="attachment-tray" aria-label={t("tray")} className="mx-auto mb-2 flex max-w-3xl gap-2 overflow-x-auto pb-1">
      {files.map((file) => (
        <TrayItem key={file.job.clientId} file={file} onRemove={onRemove} onRetry={onRetry} />
      ))}
    </ul>
  );
}

function TrayItem({ file, onRemove, onRetry }: { file: StagedFile; onRemove: (clientId: string) => void; onRetry: (clientId: string) => void }) {
  const t = useTranslations("chat.attachments");
  const locale = useLocale();
  const errorText = useUploadErrorText();
  const { state } = file;
  const percent = state.size > 0 ? Math.round((state.loaded / state.size) * 100) : 100;
  const failed = state.status === "failed";
  const busy = state.status === "uploading" || state.status === "completing";
  return (
    <li
      data-testid="attachment-staged"
      data-status={state.status}
      className={cn(
        "relative flex w-56 shrink-0 items-center gap-2 rounded-xl border bg-neutral-50 p-2 text-sm dark:bg-neutral-800",
        failed ? "border-red-400 dark:border-red-500/70" : "border-neutral-200 dark:border-neutral-700",
      )}
    >
      {file.previewUrl ? (
        // eslint-disable-next-line @next/next/no-img-element -- a local object URL, not an optimisable asset
        <img src={file.previewUrl} alt="" className="size-12 shrink-0 rounded-lg object-cover" />
      ) : (
        <span className="flex size-12 shrink-0 items-center justify-center rounded-lg bg-accent-100 text-accent-700 dark:bg-accent-800 dark:text-white">
          <FileIcon />
        </span>
      )}
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium" title={state.fileName} dir="auto">
          {state.fileName}
        </p>
        <p className="text-xs text-neutral-500 tabular-nums dark:text-neutral-400">{formatBytes(state.size, locale)}</p>
        {busy ? (
          <div
            role="progressbar"
            data-testid="attachment-progress"
            aria-label={t("progress", { name: state.fileName })}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            className="mt-1 h-1.5 overflow-hidden rounded-full bg-neutral-200 dark:bg-neutral-700"
          >
            <div className="h-full rounded-full bg-accent-500 transition-[width]" style={{ width: `${percent}%` }} />
          </div>
        ) : null}
        {failed && state.error ? (
          <p role="alert" data-testid="attachment-error" className="mt-0.5 text-xs leading-tight text-red-600 dark:text-red-400">
            {errorText(state.error)}
          </p>
        ) : null}
        {failed ? (
          <button type="button" data-testid="attachment-retry" onClick={() => onRetry(state.clientId)} className="mt-0.5 text-xs font-medium text-accent-600 hover:underline dark:text-accent-400">
            {t("retry")}
          </button>
        ) : null}
      </div>
      <button
        type="button"
        data-testid="attachment-remove"
        aria-label={busy ? t("cancel", { name: state.fileName }) : t("remove", { name: state.fileName })}
        title={busy ? t("cancel", { name: state.fileName }) : t("remove", { name: state.fileName })}
        onClick={() => onRemove(state.clientId)}
        className="absolute -top-2 -right-2 inline-flex size-6 items-center justify-center rounded-full bg-neutral-700 text-white shadow hover:bg-neutral-900 dark:bg-neutral-600"
      >
        <CloseIcon className="size-4" />
      </button>
    </li>
  );
}
