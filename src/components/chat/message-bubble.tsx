"use client";
// One message: a bubble (own on the right, with its ticks), or a centred system line.
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { OutboxItem } from "~/client/outbox-store";
import type { LooseTranslator } from "~/components/forms/server-error";
import { isAppErrorCode } from "~/shared/errors";
import { cn } from "~/components/ui/cn";
import type { AttachmentDto, MessageDto } from "~/shared/realtime/events";
import type { UploadJobState } from "~/client/uploads/types";
import { MessageAttachments } from "./attachments/message-attachments";
import { PendingFiles } from "./attachments/pending-files";
import { formatClock } from "./format";
import { AlertIcon, CheckIcon, ClockIcon, DoubleCheckIcon } from "./icons";
import type { OwnStatus } from "./message-status";

export function SystemLine({ message, text }: { message: MessageDto; text: string }) {
  return (
    <div data-testid="message" data-kind="SYSTEM" data-seq={message.seq} data-row-key={message.id} className="flex justify-center px-2 py-1.5">
      <p
        data-testid="message-text"
        dir="auto"
        className="max-w-[85%] rounded-full bg-black/[0.06] px-3 py-1 text-center text-[13px] leading-snug text-neutral-600 backdrop-blur-sm dark:bg-white/[0.08] dark:text-neutral-300"
      >
        {text}
      </p>
    </div>
  );
}

interface BubbleProps {
  rowKey: string;
  content: string;
  /** Files shown above the text (which is then their caption). */
  attachments?: AttachmentDto[];
  /** An unsent message's files (still in the outbox), shown from the bytes on this device. */
  uploads?: UploadJobState[];
  createdAt: string;
  own: boolean;
  seq?: number;
  clientId?: string | null;
  deleted?: boolean;
  /** Stored messages: their id (jumps to a quoted message find it), edit time, reply quote and actions menu. */
  messageId?: string;
  editedAt?: string | null;
  quote?: ReactNode;
  actions?: ReactNode;
  highlighted?: boolean;
  /** The sender's name, shown over the first of a run of someone else's messages in a group. */
  senderName?: string;
  senderColour?: string;
  /** Own messages only. */
  status?: OwnStatus;
  /** Groups: who has read an own message (names); null in direct chats. */
  readBy?: string[] | null;
  failure?: { code?: string; onRetry: () => void; onDiscard: () => void };
  /** Tail on the last bubble of a run. */
  tail: boolean;
}

export function MessageBubble(props: BubbleProps) {
  const { own, status, content, deleted, failure } = props;
  const t = useTranslations("chat.message");
  // Codes come from the server at run time (the outbox stores them): a loose lookup.
  const tRoot = useTranslations() as unknown as LooseTranslator;
  const locale = useLocale();
  const time = formatClock(props.createdAt, locale);
  const errorCode = failure?.code;
  const attachments = deleted ? [] : (props.attachments ?? []);
  const edited = props.editedAt && !deleted ? (
    <span data-testid="message-edited" title={t("editedAt", { time: new Date(props.editedAt).toLocaleString(locale) })}>
      {t("edited")}
    </span>
  ) : null;

  return (
    <div
      data-testid="message"
      data-kind="TEXT"
      data-attachments={attachments.length || undefined}
      data-seq={props.seq}
      data-client-id={props.clientId ?? undefined}
      data-status={own ? status : undefined}
      data-own={own ? "" : undefined}
      data-row-key={props.rowKey}
      data-message-id={props.messageId}
      data-deleted={deleted ? "" : undefined}
      data-highlighted={props.highlighted ? "" : undefined}
      className={cn("flex flex-col px-2 sm:px-3", own ? "items-end" : "items-start", props.tail ? "pb-1.5" : "pb-0.5")}
    >
      <div className={cn("group flex w-full", own ? "justify-end" : "justify-start")}>
      <div
        className={cn(
          "relative max-w-[min(85%,34rem)] rounded-2xl px-3 pt-1.5 pb-1.5 text-[15px] leading-snug shadow-sm transition-shadow",
          props.highlighted && "ring-2 ring-accent-400",
          own ? "bg-accent-100 text-neutral-900 dark:bg-accent-800 dark:text-white" : "bg-white text-neutral-900 dark:bg-neutral-800 dark:text-neutral-100",
          props.tail && (own ? "rounded-br-md" : "rounded-bl-md"),
          status === "failed" && "ring-1 ring-red-400 dark:ring-red-500/70",
        )}
      >
        {props.senderName ? <p dir="auto" className={cn("mb-0.5 truncate text-[13px] font-semibold", props.senderColour)}>{props.senderName}</p> : null}
        {props.quote && !deleted ? <div className="mb-1">{props.quote}</div> : null}
        {attachments.length ? <MessageAttachments attachments={attachments} /> : null}
        {props.uploads?.length ? <PendingFiles uploads={props.uploads} /> : null}
        <p className={cn("break-words whitespace-pre-wrap", deleted && "text-neutral-500 italic dark:text-neutral-400")}>
          <span data-testid="message-text" dir="auto">{deleted ? t("deleted") : content}</span>
          {/* Room for the time and ticks on the last line: an invisible copy of them. */}
          <span aria-hidden="true" className="invisible ml-2 inline-flex gap-1 text-[11px] tabular-nums">
            {edited ? t("edited") : null}
            {time}
            {own ? <span className="inline-block w-4" /> : null}
          </span>
        </p>
        <span
          className={cn(
            "absolute right-2.5 bottom-1 flex items-center gap-0.5 text-[11px] tabular-nums select-none",
            own ? "text-accent-700 dark:text-white/80" : "text-neutral-500 dark:text-neutral-400",
          )}
        >
          {edited}
          <time className="ml-1" dateTime={props.createdAt}>{time}</time>
          {own && status ? <Ticks status={status} readBy={props.readBy ?? null} /> : null}
        </span>
      </div>
      {props.actions}
      </div>
      {failure ? (
        <div className="mt-1 flex max-w-[min(85%,34rem)] flex-wrap items-center justify-end gap-x-1 gap-y-0.5 text-right text-xs">
          <span data-testid="message-error" className="px-1 text-red-600 dark:text-red-400">
            {t("failed")}
            {errorCode && isAppErrorCode(errorCode) ? `: ${tRoot(`errors.${errorCode}`, { seconds: 60 })}` : ""}
          </span>
          <button type="button" data-testid="message-retry" onClick={failure.onRetry} className="rounded-full px-2 py-1 font-medium text-accent-600 hover:bg-accent-50 dark:text-accent-400 dark:hover:bg-accent-500/10">
            {t("retry")}
          </button>
          <button type="button" data-testid="message-discard" onClick={failure.onDiscard} className="rounded-full px-2 py-1 font-medium text-red-600 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-500/10">
            {t("discard")}
          </button>
        </div>
      ) : null}
    </div>
  );
}

function Ticks({ status, readBy }: { status: OwnStatus; readBy: string[] | null }) {
  const t = useTranslations("chat.message");
  const label = t(`status.${status}`);
  const icon =
    status === "sending" ? (
      <ClockIcon className="size-3.5" />
    ) : status === "failed" ? (
      <AlertIcon className="size-3.5 text-red-600 dark:text-red-400" />
    ) : status === "sent" ? (
      <CheckIcon className="size-4" />
    ) : (
      <DoubleCheckIcon className={cn("size-4", status === "read" && "text-accent-600 dark:text-accent-300")} />
    );
  if (readBy === null || status === "sending" || status === "failed") {
    return (
      <span role="img" data-testid="message-ticks" aria-label={label} title={label} className="inline-flex">
        {icon}
      </span>
    );
  }
  return <ReadByTicks label={label} icon={icon} readBy={readBy} />;
}

/** A group's ticks: hovering or tapping them shows who has read the message. */
function ReadByTicks({ label, icon, readBy }: { label: string; icon: ReactNode; readBy: string[] }) {
  const t = useTranslations("chat.message");
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const popoverId = useId();
  const ref = useRef<HTMLSpanElement>(null);
  const who = readBy.length ? t("readBy", { names: new Intl.ListFormat(locale, { type: "conjunction" }).format(readBy) }) : t("readByNobody");

  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", close);
    return () => document.removeEventListener("pointerdown", close);
  }, [open]);

  return (
    <span ref={ref} className="relative inline-flex" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <button
        type="button"
        data-testid="message-ticks"
        aria-label={`${label}. ${who}`}
        aria-expanded={open}
        aria-controls={popoverId}
        onClick={() => setOpen((value) => !value)}
        className="-m-1 inline-flex rounded p-1"
      >
        {icon}
      </button>
      {open ? (
        <span
          id={popoverId}
          role="tooltip"
          data-testid="message-read-by"
          className="absolute right-0 bottom-full z-10 mb-1 w-max max-w-56 rounded-lg bg-neutral-900 px-2.5 py-1.5 text-left text-xs leading-snug whitespace-normal text-white shadow-lg dark:bg-neutral-100 dark:text-neutral-900"
        >
          {who}
        </span>
      ) : null}
    </span>
  );
}

export function outboxStatus(item: OutboxItem): OwnStatus {
  return item.status === "failed" ? "failed" : "sending";
}
