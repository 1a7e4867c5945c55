"use client";
// Loads an open chat's timeline into the Messenger; a failure is shown with a retry, and retried by
// itself when the connection comes back.
import { useEffect, useEffectEvent, useState } from "react";
import { useMessenger } from "~/client/react";
import { isGone } from "./use-chat-exit";

export function useOpenTimeline(chatId: string, onGone: () => void): { error: unknown; retry: () => void } {
  const messenger = useMessenger();
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

  // While it has failed: try again each time the connection comes back.
  useEffect(() => {
    if (!messenger || !error) return;
    let online = messenger.getState().connection === "online";
    return messenger.subscribe(() => {
      const now = messenger.getState().connection === "online";
      if (now && !online) setAttempt((value) => value + 1);
      online = now;
    });
  }, [messenger, error]);

  return { error, retry: () => setAttempt((value) => value + 1) };
}
