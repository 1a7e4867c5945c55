"use client";
// This device's push switch: its state (permission, subscription) and the actions that change it.
import { useCallback, useEffect, useState } from "react";
import { disablePush, enablePush, pushDeviceState, rebindPush, type PushDeviceState } from "~/client/push";
import { useTRPCClient } from "~/trpc/react";

export function usePushDevice(userId: string) {
  const api = useTRPCClient();
  const [state, setState] = useState<PushDeviceState | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    void pushDeviceState(api)
      .then((current) => live && setState(current))
      .catch(() => live && setState("unsupported"));
    return () => {
      live = false;
    };
  }, [api]);

  const run = useCallback(
    async (action: () => Promise<PushDeviceState>) => {
      setBusy(true);
      setFailed(false);
      try {
        setState(await action());
      } catch {
        setFailed(true);
      } finally {
        setBusy(false);
      }
    },
    [],
  );

  return {
    state,
    busy,
    failed,
    enable: () => run(() => enablePush(api, userId)),
    disable: () => run(() => disablePush(api)),
  };
}

/** Once per app load: hands an existing subscription of this person's to the server again (a new session). */
export function usePushRebind(userId: string): void {
  const api = useTRPCClient();
  useEffect(() => {
    void rebindPush(api, userId).catch(() => undefined);
  }, [api, userId]);
}
