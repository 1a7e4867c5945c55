// One realtime sidecar in the test file's own process (no Redis), for the whole file; the sockets a
// test opens through it are closed after each test. `sidecar.url` / `sidecar.server` once started.
import { afterAll, afterEach, beforeAll } from "vitest";
import { loadSession } from "~/server/services/account/sessions";
import { startRealtimeServer, type RealtimeOptions, type RealtimeServer } from "../realtime/server";
import { connected, socketOf, type TestSocket } from "./sockets";
import type { Caller } from "./trpc";

export function inProcessSidecar(overrides: Partial<RealtimeOptions> = {}) {
  const sockets: TestSocket[] = [];
  const sidecar = {
    server: undefined as unknown as RealtimeServer,
    url: "",
    /** Closes this socket after the test. */
    track: (socket: TestSocket): TestSocket => {
      sockets.push(socket);
      return socket;
    },
    /** A connected socket of `person`, with a fresh token. */
    online: async (person: { call(): Caller }): Promise<TestSocket> => connected(sidecar.track(await socketOf(person, sidecar.url))),
  };
  beforeAll(async () => {
    sidecar.server = await startRealtimeServer({
      port: 0,
      secret: process.env.AUTH_SECRET!,
      corsOrigins: [],
      sessionIsLive: async (sessionId, userId) => (await loadSession(sessionId, userId)) !== null,
      ...overrides,
    });
    sidecar.url = `http://127.0.0.1:${sidecar.server.port}`;
  });
  afterAll(() => sidecar.server.shutdown());
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  return sidecar;
}
