"use client";
// The open chat's header: back (phones), avatar, title, and the presence / typing / members line.
import { useTranslations } from "next-intl";
import Link from "next/link";
import { Avatar } from "~/components/avatar";
import { cn } from "~/components/ui/cn";
import type { ReactNode } from "react";
import type { PresenceUpdate } from "~/shared/realtime/events";
import { usePresenceText } from "~/components/people/use-presence-text";
import { BackIcon, InfoIcon, MediaIcon } from "./icons";

export interface HeaderInfo {
  title: string;
  avatar: { name: string; seed: string; url?: string | null } | null;
  isGroup: boolean;
  memberCount: number | null;
  peerDeleted: boolean;
  presence: PresenceUpdate | undefined;
  /** Names of the other members typing now. */
  typing: string[];
  /** The other person's profile page (direct chats with a live account). */
  profileHref: string | null;
}

export function ChatHeader({ info, onOpenInfo, infoOpen, onOpenMedia, actions }: { info: HeaderInfo; onOpenInfo: () => void; infoOpen: boolean; onOpenMedia: () => void; actions?: ReactNode }) {
  const t = useTranslations("chat");
  const status = useStatusLine(info);
  const body = (
    <>
      {info.avatar ? <Avatar name={info.avatar.name} seed={info.avatar.seed} url={info.avatar.url} size="md" /> : <span className="size-10 shrink-0 rounded-full bg-neutral-200 dark:bg-neutral-800" />}
      <span className="flex min-w-0 flex-col text-left">
        <span data-testid="chat-title" dir="auto" className="truncate text-[15px] leading-tight font-semibold">
          {info.title}
        </span>
        <span
          data-testid="chat-status"
          data-typing={info.typing.length > 0 ? "" : undefined}
          className={cn("truncate text-[13px] leading-tight", status.accent ? "text-accent-600 dark:text-accent-400" : "text-neutral-500 dark:text-neutral-400")}
        >
          {status.text || "\u00a0"}
        </span>
      </span>
    </>
  );

  return (
    <header className="z-20 flex h-14 shrink-0 items-center gap-1 border-b border-neutral-200 bg-white/95 px-1.5 backdrop-blur-md sm:px-3 dark:border-neutral-800 dark:bg-neutral-900/95">
      <Link
        href="/"
        aria-label={t("back")}
        data-testid="chat-back"
        className="inline-flex size-10 shrink-0 items-center justify-center rounded-full text-neutral-600 hover:bg-neutral-100 md:hidden dark:text-neutral-300 dark:hover:bg-neutral-800"
      >
        <BackIcon />
      </Link>
      {info.isGroup ? (
        <>
          <button
            type="button"
            data-testid="group-info-button"
            aria-expanded={infoOpen}
            aria-label={t("info.open", { title: info.title })}
            onClick={onOpenInfo}
            className="flex min-w-0 flex-1 items-center gap-3 rounded-xl px-1.5 py-1 transition-colors hover:bg-neutral-100 dark:hover:bg-neutral-800/70"
          >
            {body}
          </button>
          <button
            type="button"
            aria-hidden="true"
            tabIndex={-1}
            onClick={onOpenInfo}
            className="hidden size-10 shrink-0 items-center justify-center rounded-full text-neutral-500 hover:bg-neutral-100 sm:inline-flex dark:text-neutral-400 dark:hover:bg-neutral-800"
          >
            <InfoIcon />
          </button>
        </>
      ) : (
        info.profileHref ? (
          <Link
            href={info.profileHref}
            data-testid="chat-peer-link"
            aria-label={t("profileOf", { name: info.title })}
            className="flex min-w-0 flex-1 items-center gap-3 rounded-xl px-1.5 py-1 transition-colors hover:bg-neutral-100 dark:hover:bg-neutral-800/70"
          >
            {body}
          </Link>
        ) : (
          <div className="flex min-w-0 flex-1 items-center gap-3 px-1.5 py-1">{body}</div>
        )
      )}
      {actions}
      <button
        type="button"
        data-testid="chat-media-button"
        aria-haspopup="dialog"
        aria-label={t("attachments.media.open")}
        title={t("attachments.media.open")}
        onClick={onOpenMedia}
        className="inline-flex size-10 shrink-0 items-center justify-center rounded-full text-neutral-500 hover:bg-neutral-100 dark:text-neutral-400 dark:hover:bg-neutral-800"
      >
        <MediaIcon />
      </button>
    </header>
  );
}

function useStatusLine(info: HeaderInfo): { text: string; accent: boolean } {
  const t = useTranslations("chat.status");
  const presenceText = usePresenceText();
  const [first, second] = info.typing;
  if (first !== undefined) {
    if (!info.isGroup) return { text: t("typing"), accent: true };
    if (second === undefined) return { text: t("typingOne", { name: first }), accent: true };
    if (info.typing.length === 2) return { text: t("typingTwo", { first, second }), accent: true };
    return { text: t("typingMany", { name: first, count: info.typing.length - 1 }), accent: true };
  }
  if (info.isGroup) return { text: info.memberCount === null ? "" : t("members", { count: info.memberCount }), accent: false };
  if (info.peerDeleted || !info.presence) return { text: "", accent: false };
  return { text: presenceText(info.presence), accent: info.presence.online };
}
