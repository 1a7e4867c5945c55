"use client";
// Live presence of a set of people: asked once the socket is up, then kept fresh by
// `presence:update` events (the sidecar sends them only to those allowed to see them).
import { useEffect } from "react";
import { useMessenger, useMessengerState } from "~/client/react";

/** `refresh` asks again when it changes (e.g. a new friendship may make presence visible). */
export function usePresence(userIds: string[], refresh?: unknown) {
  const messenger = useMessenger();
  const connection = useMessengerState((state) => state.connection);
  const presence = useMessengerState((state) => state.presence);
  const key = userIds.join(",");
  useEffect(() => {
    if (messenger && connection === "online" && key) void messenger.queryPresence(key.split(","));
  }, [messenger, connection, key, refresh]);
  return presence;
}
