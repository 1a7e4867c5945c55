import { afterEach, describe, expect, it, vi } from "vitest";
import { TYPING_TTL_MS, type AttachmentDto, type MessageDto } from "~/shared/realtime/events";
import { DELIVERED_BATCH_MS } from "./delivered-marks";
import { message, startMessenger, summary } from "./messenger-test-doubles";

afterEach(() => {
  vi.useRealTimers();
});

/** Lets pending promises (a catch-up in flight) settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const seqsOf = (state: { timelines: Record<string, { messages: Array<{ seq: number }> }> }, chatId: string) =>
  state.timelines[chatId]?.messages.map((entry) => entry.seq);

describe("Messenger: timelines and catch-up", () => {
  it("opens a chat from its newest history page", async () => {
    const { messenger, server } = await startMessenger();
    server.store(message("c1", 1, "bob"), message("c1", 2, "me"), message("c1", 3, "bob"));
    await messenger.openChat("c1");
    expect(seqsOf(messenger.getState(), "c1")).toEqual([1, 2, 3]);
    expect(server.historyCalls).toEqual([{ chatId: "c1", limit: 50 }]);
  });

  it("fetches what it missed when a live message skips a sequence, until the gap is closed", async () => {
    const { messenger, server, socket, connect } = await startMessenger();
    server.store(message("c1", 1, "bob"));
    await messenger.openChat("c1");
    connect();
    await settle();
    server.store(...Array.from({ length: 150 }, (_, index) => message("c1", index + 2, "bob")));
    socket.deliver("message:new", server.messages.get("c1")!.at(-1));
    await vi.waitFor(() => expect(seqsOf(messenger.getState(), "c1")).toHaveLength(151));
    expect(seqsOf(messenger.getState(), "c1")).toEqual(Array.from({ length: 151 }, (_, index) => index + 1));
    // Two pages of 100 after the newest contiguous message (resync on connect found nothing new).
    expect(server.historyCalls.filter((call) => call.after !== undefined && call.after > 1).map((call) => call.after)).toEqual([101]);
  });

  it("keeps a message that arrives twice once", async () => {
    const { messenger, server, socket, connect } = await startMessenger();
    const first = message("c1", 1, "bob");
    server.store(first);
    await messenger.openChat("c1");
    connect();
    socket.deliver("message:new", first);
    expect(seqsOf(messenger.getState(), "c1")).toEqual([1]);
  });

  it("catches up every open chat and tells the app to refetch on a reconnect and on sync:required", async () => {
    const onReconnect = vi.fn();
    const { messenger, server, socket, connect } = await startMessenger({ onReconnect });
    server.store(message("c1", 1, "bob"), message("c2", 1, "carol"));
    await messenger.openChat("c1");
    await messenger.openChat("c2");
    connect();
    await settle();
    expect(onReconnect).toHaveBeenCalledTimes(1);
    server.store(message("c1", 2, "bob"), message("c2", 2, "carol"));
    socket.deliver("sync:required", {});
    await vi.waitFor(() => expect([seqsOf(messenger.getState(), "c1"), seqsOf(messenger.getState(), "c2")]).toEqual([[1, 2], [1, 2]]));
    expect(onReconnect).toHaveBeenCalledTimes(2);
  });

  it("drops a removed chat's timeline and its place in the list", async () => {
    const onChatRemoved = vi.fn();
    const { messenger, server, socket, connect } = await startMessenger({ onChatRemoved });
    server.store(message("c1", 1, "bob"));
    messenger.seedChatList([summary("c1", 1, 1, "2026-01-01T12:00:01.000Z")]);
    await messenger.openChat("c1");
    connect();
    socket.deliver("chat:removed", { chatId: "c1" });
    expect(messenger.getState().timelines.c1).toBeUndefined();
    expect(messenger.getState().chats).toEqual([]);
    expect(onChatRemoved).toHaveBeenCalledWith("c1");
  });
});

describe("Messenger: edits, deletions and hides", () => {
  const contentsOf = (state: { timelines: Record<string, { messages: MessageDto[] }> }, chatId: string) =>
    state.timelines[chatId]?.messages.map((entry) => (entry.hidden ? "(hidden)" : entry.deletedAt ? "(deleted)" : entry.content));

  it("applies a live edit or deletion, and ignores one older than what it holds", async () => {
    const { messenger, server, socket, connect } = await startMessenger();
    const first = message("c1", 1, "bob", { content: "helo" });
    server.store(first);
    await messenger.openChat("c1");
    connect();
    await settle();
    const edited = server.change({ ...server.messages.get("c1")![0]!, content: "hello", editedAt: new Date().toISOString() });
    const deleted = server.change({ ...edited, content: "", deletedAt: new Date().toISOString() });
    socket.deliver("message:updated", deleted);
    socket.deliver("message:updated", edited);
    expect(contentsOf(messenger.getState(), "c1")).toEqual(["(deleted)"]);
  });

  it("after a reconnect gets the edits, deletions and hides it missed from the change log, with the new messages", async () => {
    const { messenger, server, connect } = await startMessenger();
    server.store(message("c1", 1, "bob", { content: "one" }), message("c1", 2, "bob", { content: "two" }), message("c1", 3, "bob", { content: "three" }));
    await messenger.openChat("c1");
    // Offline meanwhile: nothing arrives live.
    const [one, two, three] = server.messages.get("c1")!;
    server.change({ ...one!, content: "one, edited", editedAt: new Date().toISOString() });
    server.change({ ...two!, content: "", deletedAt: new Date().toISOString() });
    server.hide("c1", three!.id);
    server.store(message("c1", 4, "bob", { content: "four" }));
    connect();
    await vi.waitFor(() => expect(contentsOf(messenger.getState(), "c1")).toEqual(["one, edited", "(deleted)", "(hidden)", "four"]));
    expect(server.changesCalls).toEqual([{ chatId: "c1", afterVersion: 3, limit: 100 }]);
    expect(messenger.getState().timelines.c1!.version).toBe(server.version);
    // Nothing more to learn: the next catch-up asks from the new version and changes nothing.
    const before = messenger.getState().timelines.c1;
    await messenger.catchUp("c1");
    expect(server.changesCalls.at(-1)).toEqual({ chatId: "c1", afterVersion: server.version, limit: 100 });
    expect(messenger.getState().timelines.c1).toBe(before);
  });

  it("keeps a message hidden on one's other device hidden when it is edited later", async () => {
    const { messenger, server, socket, connect } = await startMessenger();
    server.store(message("c1", 1, "bob", { content: "secret" }));
    await messenger.openChat("c1");
    connect();
    await settle();
    const [held] = server.messages.get("c1")!;
    socket.deliver("message:hidden", { chatId: "c1", messageId: held!.id });
    socket.deliver("message:updated", server.change({ ...held!, content: "still secret" }));
    expect(contentsOf(messenger.getState(), "c1")).toEqual(["(hidden)"]);
  });
});

describe("Messenger: delivered marks", () => {
  it("reports the newest message of each chat once per batch, and only when a socket is up", async () => {
    vi.useFakeTimers();
    const { messenger, socket, connect } = await startMessenger();
    messenger.acknowledgeDelivered("c1", 3);
    messenger.acknowledgeDelivered("c1", 5);
    messenger.acknowledgeDelivered("c2", 2);
    messenger.acknowledgeDelivered("c1", 4); // older than what is queued: nothing new
    await vi.advanceTimersByTimeAsync(DELIVERED_BATCH_MS);
    expect(socket.sent("message:delivered")).toEqual([]); // no socket yet: held

    connect();
    expect(socket.sent("message:delivered")).toEqual([
      { chatId: "c1", seq: 5 },
      { chatId: "c2", seq: 2 },
    ]);
    messenger.acknowledgeDelivered("c1", 5); // already reported
    await vi.advanceTimersByTimeAsync(DELIVERED_BATCH_MS);
    expect(socket.sent("message:delivered")).toHaveLength(2);
  });

  it("batches live messages from others and skips one's own", async () => {
    vi.useFakeTimers();
    const { socket, connect } = await startMessenger();
    connect();
    socket.deliver("message:new", message("c1", 1, "bob"));
    socket.deliver("message:new", message("c1", 2, "bob"));
    socket.deliver("message:new", message("c1", 3, "me"));
    expect(socket.sent("message:delivered")).toEqual([]);
    await vi.advanceTimersByTimeAsync(DELIVERED_BATCH_MS);
    expect(socket.sent("message:delivered")).toEqual([{ chatId: "c1", seq: 2 }]);
  });

  it("reports a mark again when it was lost on the way", async () => {
    vi.useFakeTimers();
    const { messenger, socket, connect } = await startMessenger();
    connect();
    messenger.acknowledgeDelivered("c1", 7);
    await vi.advanceTimersByTimeAsync(DELIVERED_BATCH_MS);
    socket.acks[0]!(new Error("operation has timed out"));
    await vi.advanceTimersByTimeAsync(DELIVERED_BATCH_MS);
    expect(socket.sent("message:delivered")).toEqual([
      { chatId: "c1", seq: 7 },
      { chatId: "c1", seq: 7 },
    ]);
  });

  it("acknowledges the chats a fresh chat list shows unread", async () => {
    vi.useFakeTimers();
    const { messenger, socket, connect } = await startMessenger();
    connect();
    messenger.seedChatList([summary("c1", 4, 2, "2026-01-01T12:00:04.000Z"), summary("c2", 3, 3, "2026-01-01T12:00:03.000Z")]);
    await vi.advanceTimersByTimeAsync(DELIVERED_BATCH_MS);
    expect(socket.sent("message:delivered")).toEqual([{ chatId: "c1", seq: 4 }]);
  });
});

describe("Messenger: the chat list and read marks", () => {
  const list = () => [summary("c1", 2, 2, "2026-01-01T12:00:02.000Z"), summary("c2", 1, 1, "2026-01-01T12:00:01.000Z")];

  it("moves a chat with a new message to the top and counts it unread; one's own message reads it", async () => {
    const { messenger, socket, connect } = await startMessenger();
    messenger.seedChatList(list());
    connect();
    socket.deliver("message:new", message("c2", 2, "bob"));
    socket.deliver("message:new", message("c2", 3, "bob"));
    const [top, second] = messenger.getState().chats!;
    expect([top!.id, top!.unread, top!.lastSeq, top!.lastMessage?.seq, second!.id]).toEqual(["c2", 2, 3, 3, "c1"]);
    socket.deliver("message:new", message("c2", 4, "me"));
    expect(messenger.getState().chats![0]).toMatchObject({ id: "c2", unread: 0, myLastReadSeq: 4 });
  });

  it("asks for the list again when a message comes for a chat it does not have", async () => {
    const onUnknownChat = vi.fn();
    const { messenger, socket, connect } = await startMessenger({ onUnknownChat });
    messenger.seedChatList(list());
    connect();
    socket.deliver("message:new", message("c9", 1, "bob"));
    expect(onUnknownChat).toHaveBeenCalledWith("c9");
  });

  it("clears the badge at once on markRead, tells the server once, and keeps it over an older refetch", async () => {
    const { messenger, server, socket, connect } = await startMessenger();
    messenger.seedChatList(list());
    connect();
    socket.deliver("message:new", message("c1", 3, "bob"));
    messenger.markRead("c1", 3);
    messenger.markRead("c1", 3);
    expect(messenger.getState().chats![0]).toMatchObject({ id: "c1", unread: 0, myLastReadSeq: 3 });
    expect(server.markReadCalls).toEqual([{ chatId: "c1", seq: 3 }]);

    // A list fetched before the server took the mark.
    messenger.seedChatList([summary("c1", 3, 2, "2026-01-01T12:00:03.000Z"), summary("c2", 1, 1, "2026-01-01T12:00:01.000Z")]);
    expect(messenger.getState().chats![0]).toMatchObject({ id: "c1", unread: 0, myLastReadSeq: 3 });
  });

  it("lets a refetch show the badge again when the server did not take the mark", async () => {
    const { messenger, server } = await startMessenger();
    server.markReadFails = true;
    messenger.seedChatList([summary("c1", 3, 2, "2026-01-01T12:00:03.000Z")]);
    messenger.markRead("c1", 3);
    await vi.waitFor(() => expect(server.markReadCalls).toHaveLength(1));
    await Promise.resolve();
    messenger.seedChatList([summary("c1", 3, 2, "2026-01-01T12:00:03.000Z")]);
    expect(messenger.getState().chats![0]).toMatchObject({ unread: 1, myLastReadSeq: 2 });
  });

  it("keeps a live message newer than a refetched list, in order", async () => {
    const { messenger, socket, connect } = await startMessenger();
    messenger.seedChatList(list());
    connect();
    socket.deliver("message:new", message("c2", 2, "bob", { createdAt: "2026-01-01T12:05:00.000Z" }));
    messenger.seedChatList(list()); // fetched before the message
    const chats = messenger.getState().chats!;
    expect(chats.map((chat) => [chat.id, chat.lastSeq, chat.unread])).toEqual([
      ["c2", 2, 1],
      ["c1", 2, 0],
    ]);
  });
});

describe("Messenger: receipts", () => {
  it("seeds members' marks from chat.get and moves them with receipt:update, never backwards", async () => {
    const { messenger, socket, connect } = await startMessenger();
    connect();
    socket.deliver("receipt:update", { chatId: "c1", userId: "bob", lastReadSeq: 5, lastDeliveredSeq: 6 });
    // chat.get answered with marks older than the live event.
    messenger.seedChat("c1", [
      { id: "bob", lastReadSeq: 3, lastDeliveredSeq: 4 },
      { id: "me", lastReadSeq: 6, lastDeliveredSeq: 6 },
    ]);
    expect(messenger.getState().receipts.c1).toEqual({ bob: { lastReadSeq: 5, lastDeliveredSeq: 6 }, me: { lastReadSeq: 6, lastDeliveredSeq: 6 } });
    socket.deliver("receipt:update", { chatId: "c1", userId: "bob", lastReadSeq: 6, lastDeliveredSeq: 6 });
    expect(messenger.getState().receipts.c1!.bob).toEqual({ lastReadSeq: 6, lastDeliveredSeq: 6 });
  });
});

describe("Messenger: typing", () => {
  it("shows who types until they stop, or until the mark expires", async () => {
    vi.useFakeTimers();
    const { messenger, socket, connect } = await startMessenger();
    connect();
    socket.deliver("typing:update", { chatId: "c1", userId: "bob", typing: true });
    socket.deliver("typing:update", { chatId: "c1", userId: "carol", typing: true });
    expect(Object.keys(messenger.getState().typing.c1!)).toEqual(["bob", "carol"]);
    socket.deliver("typing:update", { chatId: "c1", userId: "carol", typing: false });
    expect(Object.keys(messenger.getState().typing.c1!)).toEqual(["bob"]);
    await vi.advanceTimersByTimeAsync(TYPING_TTL_MS - 1_000);
    expect(Object.keys(messenger.getState().typing.c1!)).toEqual(["bob"]);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(messenger.getState().typing.c1).toBeUndefined();
  });

  it("announces typing at most every 2.5 s, and a stop only after a start", async () => {
    vi.useFakeTimers();
    const { messenger, socket, connect } = await startMessenger();
    connect();
    messenger.stopTyping("c1");
    messenger.typing("c1");
    messenger.typing("c1");
    await vi.advanceTimersByTimeAsync(2_600);
    messenger.typing("c1");
    messenger.stopTyping("c1");
    expect(socket.emitted.filter((entry) => entry.event.startsWith("typing:")).map((entry) => entry.event)).toEqual(["typing:start", "typing:start", "typing:stop"]);
  });
});

describe("Messenger: images processed after they were sent", () => {
  const image = (processing: boolean): AttachmentDto => ({
    id: "a1",
    kind: "IMAGE",
    fileName: "sunset.png",
    mimeType: "image/png",
    size: 100,
    width: 640,
    height: 320,
    durationMs: null,
    waveform: null,
    hasThumbnail: !processing,
    processing,
  });
  const attachmentsOf = (state: { timelines: Record<string, { messages: MessageDto[] }> }) => state.timelines.c1!.messages.map((entry) => entry.attachments);

  it("swaps the processing placeholder for the thumbnail when attachment:ready arrives", async () => {
    const { messenger, server, socket, connect } = await startMessenger();
    const sent = message("c1", 1, "bob", { attachments: [image(true)] });
    server.store(sent);
    await messenger.openChat("c1");
    connect();
    socket.deliver("attachment:ready", { chatId: "c1", messageId: "another", attachment: { ...image(false), id: "a2" } });
    expect(attachmentsOf(messenger.getState())).toEqual([[image(true)]]);
    socket.deliver("attachment:ready", { chatId: "c1", messageId: sent.id, attachment: image(false) });
    expect(attachmentsOf(messenger.getState())).toEqual([[image(false)]]);
  });

  it("applies a ready event that overtook its message", async () => {
    const { messenger, server, socket, connect } = await startMessenger();
    server.store(message("c1", 1, "bob"));
    await messenger.openChat("c1");
    connect();
    const sent = message("c1", 2, "bob", { attachments: [image(true)] });
    socket.deliver("attachment:ready", { chatId: "c1", messageId: sent.id, attachment: image(false) });
    socket.deliver("message:new", sent);
    expect(attachmentsOf(messenger.getState())).toEqual([[], [image(false)]]);
  });
});
