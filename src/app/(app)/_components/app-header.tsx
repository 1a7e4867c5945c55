"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { Avatar } from "~/components/avatar";
import { SearchIcon, UsersIcon } from "~/components/chat/icons";
import { LogoMark } from "~/components/logo";
import { buttonClass } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import type { RouterOutputs } from "~/trpc/react";
import { useTRPC } from "~/trpc/react";
import { SignOutButton } from "./sign-out-button";

/** An icon on phones, icon and label from 640 px. */
function NavLink({ href, active, label, testId, children }: { href: string; active: boolean; label: string; testId: string; children: ReactNode }) {
  return (
    <Link
      href={href}
      data-testid={testId}
      aria-current={active ? "page" : undefined}
      className={buttonClass("ghost", "sm", cn("relative px-2 sm:px-3", active && "text-accent-600 dark:text-accent-400"))}
    >
      {children}
      <span className="sr-only sm:not-sr-only">{label}</span>
    </Link>
  );
}

export function AppHeader({ user, className }: { user: RouterOutputs["account"]["me"]; className?: string }) {
  const t = useTranslations();
  const pathname = usePathname();
  const onProfile = pathname === "/profile";
  const trpc = useTRPC();
  const requests = useQuery(trpc.friend.list.queryOptions()).data?.incoming.length ?? 0;
  return (
    <header
      className={cn(
        "sticky top-0 z-20 h-14 shrink-0 items-center gap-2 border-b border-neutral-200 bg-white/90 px-2 backdrop-blur-md sm:gap-3 sm:px-4 dark:border-neutral-800 dark:bg-neutral-900/90",
        className ?? "flex",
      )}
    >
      <Link href="/" aria-label={t("common.appName")} className="flex shrink-0 items-center gap-2.5 rounded-xl p-1 pr-2">
        <LogoMark />
        <span className="hidden text-[17px] font-semibold tracking-tight sm:inline">{t("common.appName")}</span>
      </Link>
      <nav className="ml-auto flex min-w-0 items-center gap-0.5 sm:gap-2">
        <NavLink href="/people" active={pathname.startsWith("/people")} label={t("shell.people")} testId="nav-people">
          <SearchIcon />
        </NavLink>
        <NavLink href="/friends" active={pathname === "/friends"} label={t("shell.friends")} testId="nav-friends">
          <UsersIcon className="size-5" />
          {requests > 0 ? (
            <span
              data-testid="friend-requests-badge"
              aria-label={t("shell.requestsBadge", { count: requests })}
              className="absolute -top-0.5 right-0 min-w-4.5 rounded-full bg-red-500 px-1 text-center text-[11px] leading-4.5 font-semibold text-white sm:static sm:ml-0.5"
            >
              {requests}
            </span>
          ) : null}
        </NavLink>
        <Link
          href="/profile"
          className="flex min-w-0 items-center gap-2 rounded-full py-1 pr-2.5 pl-1 transition-colors hover:bg-neutral-100 dark:hover:bg-neutral-800"
        >
          <Avatar name={user.displayName || user.username} seed={user.id} url={user.avatarUrl} size="sm" />
          <span data-testid="user-display-name" dir="auto" className="max-w-[5.5rem] truncate text-sm font-medium sm:max-w-[16rem]">
            {user.displayName}
          </span>
        </Link>
        {/* Phones reach the profile through the avatar: the word would crowd the name out. */}
        <Link
          href="/profile"
          aria-current={onProfile ? "page" : undefined}
          className={cn("max-sm:hidden!", buttonClass("ghost", "sm", cn("px-3", onProfile && "text-accent-600 dark:text-accent-400")))}
        >
          {t("shell.profile")}
        </Link>
        <SignOutButton />
      </nav>
    </header>
  );
}
