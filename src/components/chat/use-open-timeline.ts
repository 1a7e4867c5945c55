"use client";
// Loads an open chat's timeline into the Messenger; a failure is shown with a retry, and retried by
// itself when the connection comes back.
import { useEffect, useEffectEvent, useState } from "react";
import { useMessenger, useMessengerState } from "~/client/react";
import { isGone } from "./use-chat-exit";

export function useOpenTimeline(chatId: string, onGone: () => void): { error: unknown; retry: () => void } {
  const messenger = useMessenger();
  const online = useMessengerState((state) => state.connection === "online");
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  const opened = useEffectEvent((failure: unknown) => {
    if (failure === null) setError(null);
    else if (isGone(failure)) onGone();
    else setError(failure);
  });
  useEffect(() => {
    if (!messenger) return;
    let cancelled = false;
    messenger.openChat(chatId).then(
      () => !cancelled && opened(null),
      (failure: unknown) => !cancelled && opened(failure ?? new Error("openChat failed")),
    );
    return () => {
      cancelled = true;
    };
  }, [messenger, chatId, attempt]);

  const retryAfterFailure = useEffectEvent(() => {
    if (error) setAttempt((value) => value + 1);
  });
  useEffect(() => {
    if (online) retryAfterFailure();
  }, [online]);

  return { error, retry: () => setAttempt((value) => value + 1) };
}
