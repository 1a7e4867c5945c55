"use client";
import { useTranslations } from "next-intl";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { clearOfflineData } from "~/client/offline/clear-offline-data";
import { savedAccount } from "~/client/offline/saved-account";
import { MessengerProvider } from "~/client/react";
import { keepForOffline } from "~/client/service-worker";
import { ConnectionBanner } from "~/components/chat/connection-banner";
import { MeProvider } from "~/components/chat/me-context";
import { serverErrorMessage, type LooseTranslator } from "~/components/forms/server-error";
import { LogoMark } from "~/components/logo";
import { PushRebind } from "~/components/push/push-rebind";
import { Button } from "~/components/ui/button";
import { signInPath } from "~/shared/safe-redirect";
import { AppHeader } from "./app-header";
import { SignOutButton } from "./sign-out-button";
import { useShellAccount } from "./use-shell-account";

/** Loads account.me for every app page: a header and the live Messenger once signed in, sign-in when the
 * session is gone. Full-height: the messenger scrolls inside its panes, other pages in the content. */
export function AppShell({ children }: { children: ReactNode }) {
  const { me, account } = useShellAccount();
  const router = useRouter();
  const pathname = usePathname();
  const unauthorized = me.error?.data?.code === "UNAUTHORIZED";

  const signedIn = me.data !== undefined;
  useEffect(() => {
    // The app shell ("/") and this page, for an offline start or reload: also each page reached by
    // in-app navigation (a chat opened from the list), which the worker never saw load. Another
    // chat's stored HTML would not do: the server renders the chatId into the page's RSC payload.
    if (signedIn) keepForOffline([new URL("/", window.location.href).href, new URL(pathname, window.location.href).href]);
  }, [signedIn, pathname]);

  useEffect(() => {
    if (!unauthorized) return;
    // The session ended (signed out elsewhere, expired, revoked): as a sign-out, the device forgets
    // the account's saved history and unsent messages.
    const saved = savedAccount();
    void (saved ? clearOfflineData(saved.id) : Promise.resolve()).finally(() => router.replace(signInPath(`${pathname}${window.location.search}`)));
  }, [unauthorized, pathname, router]);

  if (account) {
    return (
      <MeProvider userId={account.id}>
        <MessengerProvider userId={account.id}>
          <div className="flex h-dvh flex-col">
            {/* Phones give an open chat the whole screen: its own header has the way back. */}
            <AppHeader user={account} className={pathname.startsWith("/chat/") ? "hidden md:flex" : undefined} />
            <ConnectionBanner />
            <PushRebind userId={account.id} />
            <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">{children}</div>
          </div>
        </MessengerProvider>
      </MeProvider>
    );
  }
  if (me.error && !unauthorized) return <ShellError error={me.error} onRetry={() => void me.refetch()} />;
  return <ShellLoading />;
}

function ShellLoading() {
  const t = useTranslations("common");
  return (
    <div data-testid="shell-loading" className="flex min-h-dvh flex-col items-center justify-center gap-4" role="status" aria-live="polite">
      <LogoMark className="size-12 animate-pulse rounded-2xl" />
      <span className="text-sm text-neutral-500 dark:text-neutral-400">{t("loading")}</span>
    </div>
  );
}

function ShellError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useTranslations();
  const message = serverErrorMessage(t as unknown as LooseTranslator, error);
  const banned = (error as { data?: { appCode?: string } }).data?.appCode === "ACCOUNT_BANNED";
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center gap-5 px-6 text-center">
      <LogoMark className="size-12 rounded-2xl" />
      <p role="alert" data-testid="form-error" className="max-w-sm text-[15px] text-neutral-700 dark:text-neutral-300">
        {banned ? message : `${t("shell.loadFailed")} ${message}`}
      </p>
      <div className="flex gap-2">
        {banned ? null : <Button onClick={onRetry}>{t("common.retry")}</Button>}
        <SignOutButton variant="secondary" />
      </div>
    </div>
  );
}
