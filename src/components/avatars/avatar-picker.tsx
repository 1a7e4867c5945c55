"use client";
// "Upload photo" / "Remove photo" for an avatar (one's own or a group's): a picked image goes
// through the square cropper, is uploaded as an AVATAR (no chat) through the upload engine, and
// `onUploaded` makes it the avatar (account.setAvatar or chat.setAvatar).
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { serverErrorMessage, type LooseTranslator } from "~/components/forms/server-error";
import { Button } from "~/components/ui/button";
import { trpcUploadApi } from "~/client/uploads/trpc-upload-api";
import { UploadJob } from "~/client/uploads/upload-job";
import { xhrPut } from "~/client/uploads/xhr-put";
import { useUploadErrorText } from "~/components/chat/attachments/upload-error-text";
import { useTRPCClient } from "~/trpc/react";
import { AvatarCropper } from "./avatar-cropper";

export function AvatarPicker({
  hasUploaded,
  onUploaded,
  onRemove,
  testId,
}: {
  /** The current avatar is an uploaded one (it can be removed here). */
  hasUploaded: boolean;
  onUploaded: (attachmentId: string) => Promise<unknown>;
  onRemove: () => Promise<unknown>;
  testId: string;
}) {
  const t = useTranslations("avatar");
  const tRoot = useTranslations() as unknown as LooseTranslator;
  const uploadError = useUploadErrorText();
  const client = useTRPCClient();
  const picker = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(serverErrorMessage(tRoot, failure));
    } finally {
      setBusy(false);
    }
  };

  const upload = (blob: Blob) =>
    run(async () => {
      setPicked(null);
      const input = { clientId: crypto.randomUUID(), fileName: blob.type === "image/webp" ? "avatar.webp" : "avatar.jpg", size: blob.size, contentType: blob.type, purpose: "AVATAR" as const };
      const job = new UploadJob(blob, input, { api: trpcUploadApi(client), put: xhrPut });
      const attachment = await job.start();
      if (!attachment) return setError(uploadError(job.state.error ?? { code: "generic", message: "" }));
      await onUploaded(attachment.id);
    });

  return (
    <div data-testid={testId} className="flex flex-col gap-1.5">
      <div className="flex flex-wrap gap-2">
        <input
          ref={picker}
          type="file"
          accept="image/*"
          hidden
          data-testid={`${testId}-input`}
          onChange={(event) => {
            setPicked(event.target.files?.[0] ?? null);
            event.target.value = "";
          }}
        />
        <Button size="sm" variant="secondary" disabled={busy} aria-busy={busy || undefined} onClick={() => picker.current?.click()}>
          {busy ? t("uploading") : t("upload")}
        </Button>
        {hasUploaded ? (
          <Button size="sm" variant="ghost" disabled={busy} data-testid={`${testId}-remove`} onClick={() => void run(onRemove)}>
            {t("remove")}
          </Button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {picked ? <AvatarCropper file={picked} onCancel={() => setPicked(null)} onCrop={(blob) => void upload(blob)} /> : null}
    </div>
  );
}

/** An avatar this app stores (as opposed to an https link typed in the profile). */
export function isUploadedAvatar(url: string | null | undefined): boolean {
  return !!url?.startsWith("/api/avatars/");
}
