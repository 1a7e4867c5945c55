// The one typed way to emit a protocol event, for the app's publishers (Redis emitter, the sidecar's
// loopback channel) and the sidecar alike: the event name and its arguments are checked together.
import type { ServerEventArgs, ServerEventName } from "~/shared/realtime/events";

/** What can send server events to sockets: `io.to(rooms)`, `io.local`, a Redis emitter or its `.to(rooms)`. */
export interface ServerEventTarget {
  emit<E extends ServerEventName>(event: E, ...args: ServerEventArgs<E>): boolean;
}

/** Sends `event` with `args` (as the publisher carries them) through `target`. */
export function emitEvent<E extends ServerEventName>(target: ServerEventTarget, event: E, args: ServerEventArgs<E>): void {
  target.emit(event, ...args);
}
