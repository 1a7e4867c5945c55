// The installed publisher: how the app's fan-out reaches sockets. Kept apart from ./publish.ts (which
// chooses the default from the environment) so the sidecar and tests can install one without
// importing ~/env, and so the Redis publisher can implement it without an import cycle.
import type { PublishedEventName, ServerEventArgs } from "~/shared/realtime/events";

export interface Publisher {
  toRooms<E extends PublishedEventName>(rooms: string[], event: E, args: ServerEventArgs<E>): Promise<void>;
}

const state = globalThis as unknown as { bmPublisher?: Publisher };

/** Replaces the publisher: the sidecar emits in-process, tests record. */
export function setPublisher(publisher: Publisher): void {
  state.bmPublisher = publisher;
}

/** The publisher installed so far, if any. */
export function installedPublisher(): Publisher | undefined {
  return state.bmPublisher;
}
