"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { clearAllDrafts } from "~/client/drafts";
import { clearOfflineData } from "~/client/offline/clear-offline-data";
import { savedAccount } from "~/client/offline/saved-account";
import { forgetPushSubscription } from "~/client/push";
import { clearUserCaches } from "~/client/service-worker";
import { Button, type ButtonVariant } from "~/components/ui/button";
import { useTRPC } from "~/trpc/react";

export function SignOutButton({ variant = "ghost" }: { variant?: ButtonVariant }) {
  const t = useTranslations("shell");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      // A full load drops every cached query of the account that just left.
      onSuccess: async () => {
        clearAllDrafts();
        // The next person on this device must not find this one's pages offline.
        await clearUserCaches().catch(() => undefined);
        // Nor their saved messages and unsent outbox.
        const userId = queryClient.getQueryData(trpc.account.me.queryKey())?.id ?? savedAccount()?.id;
        if (userId) await clearOfflineData(userId).catch(() => undefined);
        await forgetPushSubscription().catch(() => undefined);
        window.location.assign("/sign-in");
      },
    }),
  );
  const busy = signOut.isPending || signOut.isSuccess;
  return (
    <Button variant={variant} size="sm" data-testid="signout-button" disabled={busy} onClick={() => signOut.mutate()}>
      {busy ? t("signingOut") : t("signOut")}
    </Button>
  );
}
