"use client";
// A chat's "media and files": what was shared there, newest first, in three tabs (pictures and
// videos, other files, voice and audio), a page at a time (attachment.list). Pictures open in the viewer.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState, type KeyboardEvent } from "react";
import { cn } from "~/components/ui/cn";
import { useTRPC } from "~/trpc/react";
import { Dialog } from "../dialog";
import { attachmentUrl, previewUrl } from "./attachment-urls";
import { ProcessingPlaceholder } from "./processing-placeholder";
import { ImageViewer } from "./image-viewer";
import { FileCard } from "./message-attachments";
import { VoicePlayer } from "./voice-player";

const TABS = ["media", "files", "voice"] as const;
type Tab = (typeof TABS)[number];
const PAGE = 30;

export function MediaPanel({ chatId, open, onClose }: { chatId: string; open: boolean; onClose: () => void }) {
  const t = useTranslations("chat.attachments.media");
  const [tab, setTab] = useState<Tab>("media");
  const id = useId();
  const onTabKey = (event: KeyboardEvent) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length]!;
    setTab(next);
    document.getElementById(`${id}-${next}`)?.focus();
  };
  return (
    <Dialog open={open} onClose={onClose} title={t("title")} testId="media-panel" className="max-w-2xl">
      <div role="tablist" aria-label={t("title")} className="mb-3 flex gap-1 rounded-full bg-neutral-100 p-1 dark:bg-neutral-800" onKeyDown={onTabKey}>
        {TABS.map((name) => (
          <button
            key={name}
            id={`${id}-${name}`}
            type="button"
            role="tab"
            data-testid={`media-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`${id}-panel`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
            className={cn(
              "flex-1 rounded-full px-3 py-1.5 text-sm font-medium transition-colors",
              tab === name ? "bg-white text-neutral-900 shadow-sm dark:bg-neutral-700 dark:text-white" : "text-neutral-600 hover:text-neutral-900 dark:text-neutral-300",
            )}
          >
            {t(`tabs.${name}`)}
          </button>
        ))}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-${tab}`}>
        <MediaTab key={tab} chatId={chatId} tab={tab} />
      </div>
    </Dialog>
  );
}

function MediaTab({ chatId, tab }: { chatId: string; tab: Tab }) {
  const t = useTranslations("chat.attachments.media");
  const tViewer = useTranslations("chat.attachments");
  const trpc = useTRPC();
  const [viewing, setViewing] = useState<number | null>(null);
  const query = useInfiniteQuery(
    trpc.attachment.list.infiniteQueryOptions({ chatId, filter: tab, limit: PAGE }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const images = items.filter((item) => item.kind === "IMAGE" && !item.processing);

  if (query.isPending) return <p className="py-8 text-center text-sm text-neutral-500">…</p>;
  if (query.isError)
    return (
      <p role="alert" className="py-8 text-center text-sm text-red-600 dark:text-red-400">
        {t("failed")}
      </p>
    );
  if (items.length === 0) return <p data-testid="media-empty" className="py-8 text-center text-sm text-neutral-500 dark:text-neutral-400">{t("empty")}</p>;

  return (
    <>
      {tab === "media" ? (
        <ul className="grid grid-cols-3 gap-1 sm:grid-cols-4">
          {items.map((item) => (
            <li key={item.id} data-testid="media-item" className="aspect-square overflow-hidden rounded-md bg-neutral-100 dark:bg-neutral-800">
              {item.processing ? (
                <ProcessingPlaceholder fileName={item.fileName} />
              ) : item.kind === "IMAGE" ? (
                <button type="button" aria-label={tViewer("openImage", { name: item.fileName })} onClick={() => setViewing(images.indexOf(item))} className="block size-full">
                  {/* eslint-disable-next-line @next/next/no-img-element -- a signed redirect per viewer */}
                  <img src={previewUrl(item)} alt={item.fileName} loading="lazy" className="size-full object-cover" />
                </button>
              ) : (
                <video src={attachmentUrl(item.id)} controls preload="metadata" className="size-full bg-black object-cover" />
              )}
            </li>
          ))}
        </ul>
      ) : (
        <ul className="flex flex-col gap-1.5">
          {items.map((item) => (
            <li key={item.id} data-testid="media-item">
              {tab === "voice" ? <VoicePlayer attachment={item} /> : <FileCard attachment={item} />}
            </li>
          ))}
        </ul>
      )}
      {query.hasNextPage ? (
        <button
          type="button"
          data-testid="media-more"
          disabled={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
          className="mt-3 w-full rounded-full py-2 text-sm font-medium text-accent-600 hover:bg-accent-50 disabled:opacity-50 dark:text-accent-400 dark:hover:bg-accent-500/10"
        >
          {t("more")}
        </button>
      ) : null}
      {viewing !== null && images[viewing] ? <ImageViewer images={images} index={viewing} onIndex={setViewing} onClose={() => setViewing(null)} /> : null}
    </>
  );
}
