"use client";
import { usePushRebind } from "./use-push-device";

/** Renders nothing: keeps this browser's push subscription bound to the current session. */
export function PushRebind({ userId }: { userId: string }) {
  usePushRebind(userId);
  return null;
}
