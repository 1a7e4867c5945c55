// Sidecar processes for one test file, and the sockets its tests open to them: every socket is
// closed and every process killed after the file.
import { afterAll } from "vitest";
import { startSidecar, type SidecarProcess } from "./sidecar-process";
import { connected, socketOf, type TestSocket } from "./sockets";
import type { Caller } from "./trpc";

export function sidecarProcesses() {
  const started: SidecarProcess[] = [];
  const sockets: TestSocket[] = [];
  afterAll(() => {
    for (const socket of sockets) socket.close();
    for (const sidecar of started) if (sidecar.child.exitCode === null) sidecar.child.kill("SIGKILL");
  });
  const nodes = {
    start: async (...args: Parameters<typeof startSidecar>): Promise<SidecarProcess> => {
      const node = await startSidecar(...args);
      started.push(node);
      return node;
    },
    /** Closes this socket after the file. */
    track: (socket: TestSocket): TestSocket => {
      sockets.push(socket);
      return socket;
    },
    /** A connected socket of `person` on `node`, with a fresh token. */
    online: async (person: { call(): Caller }, node: SidecarProcess): Promise<TestSocket> => connected(nodes.track(await socketOf(person, node.url))),
  };
  return nodes;
}
