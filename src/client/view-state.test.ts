import { describe, expect, it } from "vitest";
import type { ClientSocket } from "./connection";
import { ViewStateReporter } from "./view-state";

function fakeSocket(connected = true) {
  const emitted: unknown[] = [];
  const socket = { connected, emit: (event: string, payload: unknown) => emitted.push({ event, payload }) };
  return { socket: socket as unknown as ClientSocket, emitted, raw: socket };
}

describe("ViewStateReporter", () => {
  it("reports the open chat on change, not twice for the same one, and nothing without a connected socket", () => {
    const { socket, emitted, raw } = fakeSocket(false);
    const reporter = new ViewStateReporter(() => socket);
    reporter.showChat("c1");
    expect(emitted).toEqual([]);
    raw.connected = true;
    reporter.report();
    reporter.showChat("c1");
    reporter.showChat(null);
    expect(emitted).toEqual([
      { event: "view:state", payload: { chatId: "c1", visible: true } },
      { event: "view:state", payload: { chatId: null, visible: true } },
    ]);
    reporter.stop();
  });
});
