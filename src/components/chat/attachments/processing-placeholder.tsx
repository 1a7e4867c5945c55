"use client";
// An image the server is still stripping of its metadata: not served yet, so a spinner fills the box
// already shaped like the image; attachment:ready swaps in the thumbnail.
import { useTranslations } from "next-intl";

export function ProcessingPlaceholder({ fileName }: { fileName: string }) {
  const t = useTranslations("chat.attachments");
  return (
    <div data-testid="attachment-processing" role="status" className="flex size-full items-center justify-center bg-black/5 text-neutral-500 dark:bg-white/5 dark:text-neutral-400">
      <span aria-hidden="true" className="size-6 animate-spin rounded-full border-2 border-current border-t-transparent" />
      <span className="sr-only">{t("processing", { name: fileName })}</span>
    </div>
  );
}
