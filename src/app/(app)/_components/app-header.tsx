"use client";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Avatar } from "~/components/avatar";
import { LogoMark } from "~/components/logo";
import { buttonClass } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import type { RouterOutputs } from "~/trpc/react";
import { SignOutButton } from "./sign-out-button";

export function AppHeader({ user, className }: { user: RouterOutputs["user"]["me"]; className?: string }) {
  const t = useTranslations();
  const pathname = usePathname();
  const onProfile = pathname === "/profile";
  return (
    <header
      className={cn(
        "sticky top-0 z-20 h-14 shrink-0 items-center gap-2 border-b border-neutral-200 bg-white/90 px-2 backdrop-blur-md sm:gap-3 sm:px-4 dark:border-neutral-800 dark:bg-neutral-900/90",
        className ?? "flex",
      )}
    >
      <Link href="/" className="flex shrink-0 items-center gap-2.5 rounded-xl p-1 pr-2">
        <LogoMark />
        <span className="hidden text-[17px] font-semibold tracking-tight sm:inline">{t("common.appName")}</span>
      </Link>
      <nav className="ml-auto flex min-w-0 items-center gap-1 sm:gap-2">
        <Link
          href="/profile"
          className="flex min-w-0 items-center gap-2 rounded-full py-1 pr-2.5 pl-1 transition-colors hover:bg-neutral-100 dark:hover:bg-neutral-800"
        >
          <Avatar name={user.displayName || user.username} seed={user.id} url={user.avatarUrl} size="sm" />
          <span data-testid="user-display-name" className="max-w-[8.5rem] truncate text-sm font-medium sm:max-w-[16rem]">
            {user.displayName}
          </span>
        </Link>
        <Link
          href="/profile"
          aria-current={onProfile ? "page" : undefined}
          className={buttonClass("ghost", "sm", cn("px-2.5 sm:px-3", onProfile && "text-accent-600 dark:text-accent-400"))}
        >
          {t("shell.profile")}
        </Link>
        <SignOutButton />
      </nav>
    </header>
  );
}
