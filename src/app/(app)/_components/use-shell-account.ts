"use client";
import { useEffect, useMemo } from "react";
import { saveAccount, savedAccount, serverUnreachable } from "~/client/offline/saved-account";
import { useMe } from "./use-me";

/** account.me for the app shell, saved on the device; when the server cannot be reached, the saved
 * account, so the shell opens on the saved history (the connection banner says it is saved). */
export function useShellAccount() {
  const me = useMe();
  useEffect(() => {
    if (me.data) saveAccount(me.data);
  }, [me.data]);
  const unreachable = !me.data && serverUnreachable(me.failureReason ?? me.error);
  const saved = useMemo(() => (unreachable ? savedAccount() : null), [unreachable]);
  return { me, account: me.data ?? saved };
}
