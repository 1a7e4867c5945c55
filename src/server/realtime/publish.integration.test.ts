// What an integration test file that installs nothing publishes through: the recorders the setup
// installs (test/setup-integration.ts), never the environment's loopback HTTP port or Redis.
import { afterEach, describe, expect, it, vi } from "vitest";
import { RecordingPublisher, RecordingSocketEnder } from "../../../test/publisher";
import { disconnectSockets, getSocketEnder } from "./disconnect";
import { getPublisher, publishToUsers } from "./publish";

afterEach(() => vi.restoreAllMocks());

describe("the integration suite's default realtime links", () => {
  it("record fan-out and disconnects instead of sending them anywhere", async () => {
    const fetch = vi.spyOn(globalThis, "fetch");
    const publisher = getPublisher();
    const ender = getSocketEnder();
    expect(publisher).toBeInstanceOf(RecordingPublisher);
    expect(ender).toBeInstanceOf(RecordingSocketEnder);

    await publishToUsers(["u1", "u2", "u1"], "chat:updated", { chatId: "c1" });
    await disconnectSockets({ sessionIds: ["s1"], userIds: ["u3"] });

    expect((publisher as RecordingPublisher).published).toEqual([{ rooms: ["user:u1", "user:u2"], event: "chat:updated", args: [{ chatId: "c1" }] }]);
    expect((ender as RecordingSocketEnder).ended).toEqual([["session:s1", "user:u3"]]);
    expect(fetch).not.toHaveBeenCalled();
  });
});
