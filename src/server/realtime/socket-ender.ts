// The installed socket ender: how ended sessions' sockets are disconnected. Kept apart from
// ./disconnect.ts (which chooses the default from the environment) so the sidecar and tests can
// install one without importing ~/env.

export interface SocketEnder {
  /** Disconnects (and closes) every socket in any of `rooms`, on every node. */
  disconnectRooms(rooms: string[]): Promise<void>;
}

const state = globalThis as unknown as { bmSocketEnder?: SocketEnder };

/** Replaces how sockets are ended: the sidecar does it in-process, tests point it elsewhere. */
export function setSocketEnder(ender: SocketEnder): void {
  state.bmSocketEnder = ender;
}

/** The socket ender installed so far, if any. */
export function installedSocketEnder(): SocketEnder | undefined {
  return state.bmSocketEnder;
}
