import { describe, expect, it } from "vitest";
import type { MessageDto } from "~/shared/realtime/events";
import { hasGap, mergeMessages, prependPage, reconcileSaved, timelineFromPage, withChanges } from "./timeline";

const msg = (seq: number): MessageDto => ({
  id: `m${seq}`,
  chatId: "c",
  seq,
  senderId: "u",
  clientId: null,
  kind: "TEXT",
  content: `#${seq}`,
  system: null,
  replyToId: null,
  createdAt: new Date(seq * 1000).toISOString(),
  editedAt: null,
  deletedAt: null,
  attachments: [],
});
const seqs = (list: MessageDto[]) => list.map((message) => message.seq);

describe("timeline", () => {
  it("starts from the newest page and knows everything up to lastSeq is held", () => {
    const t = timelineFromPage({ messages: [msg(4), msg(5), msg(6)], hasMore: true, lastSeq: 6 });
    expect(t).toMatchObject({ oldestSeq: 4, newestSeq: 6, hasOlder: true });
    expect(hasGap(t)).toBe(false);
  });

  it("an empty chat holds nothing and expects seq 1 next", () => {
    const t = timelineFromPage({ messages: [], hasMore: false, lastSeq: 0 });
    expect(mergeMessages(t, [msg(1)]).newestSeq).toBe(1);
    const skipped = mergeMessages(t, [msg(3)]);
    expect(skipped.newestSeq).toBe(0);
    expect(hasGap(skipped)).toBe(true);
  });

  it("stores a message that arrives twice once", () => {
    const t = timelineFromPage({ messages: [msg(1)], hasMore: false, lastSeq: 1 });
    const once = mergeMessages(t, [msg(2)]);
    const twice = mergeMessages(once, [msg(2), msg(1)]);
    expect(twice).toBe(once);
    expect(seqs(twice.messages)).toEqual([1, 2]);
  });

  it("detects a skipped sequence and closes the gap when the missing ones arrive, in order", () => {
    let t = timelineFromPage({ messages: [msg(1), msg(2)], hasMore: false, lastSeq: 2 });
    t = mergeMessages(t, [msg(5)]);
    expect(hasGap(t)).toBe(true);
    expect(t.newestSeq).toBe(2);
    t = mergeMessages(t, [msg(4), msg(3), msg(5)]);
    expect(hasGap(t)).toBe(false);
    expect(t.newestSeq).toBe(5);
    expect(seqs(t.messages)).toEqual([1, 2, 3, 4, 5]);
  });

  it("prepends older pages without touching the newest mark", () => {
    let t = timelineFromPage({ messages: [msg(51), msg(52)], hasMore: true, lastSeq: 52 });
    t = prependPage(t, { messages: [msg(49), msg(50)], hasMore: false, lastSeq: 52 });
    expect(seqs(t.messages)).toEqual([49, 50, 51, 52]);
    expect(t).toMatchObject({ oldestSeq: 49, newestSeq: 52, hasOlder: false });
  });

  describe("reconcileSaved", () => {
    const saved = timelineFromPage({ messages: [msg(5), msg(6), msg(7), msg(8)], hasMore: true, lastSeq: 8, lastVersion: 8 });

    it("keeps the saved older messages when the server's newest page joins them, catching up changes from the saved version", () => {
      const edited = { ...msg(8), content: "edited" };
      const t = reconcileSaved(saved, { messages: [msg(7), edited, msg(9), msg(10)], hasMore: true, lastSeq: 10, lastVersion: 12 });
      expect(seqs(t.messages)).toEqual([5, 6, 7, 8, 9, 10]);
      // The older saved messages may have missed edits after version 8: catch-up reads from there.
      expect(t).toMatchObject({ oldestSeq: 5, newestSeq: 10, hasOlder: true, version: 8 });
      // The server's copy wins over the saved one.
      expect(t.messages.find((message) => message.seq === 8)?.content).toBe("edited");
    });

    it("drops saved messages of unknown version (they could not be caught up)", () => {
      const unversioned = { ...saved, version: undefined };
      const t = reconcileSaved(unversioned, { messages: [msg(7), msg(8), msg(9)], hasMore: true, lastSeq: 9, lastVersion: 9 });
      expect(seqs(t.messages)).toEqual([7, 8, 9]);
    });

    it("drops the saved messages when a hole lies between them and the server's page", () => {
      const t = reconcileSaved(saved, { messages: [msg(20), msg(21)], hasMore: true, lastSeq: 21 });
      expect(seqs(t.messages)).toEqual([20, 21]);
      expect(t).toMatchObject({ oldestSeq: 20, newestSeq: 21, hasOlder: true });
    });

    it("an emptied chat on the server shows empty", () => {
      const t = reconcileSaved(saved, { messages: [], hasMore: false, lastSeq: 0 });
      expect(t.messages).toEqual([]);
    });
  });
});

describe("changes to held messages", () => {
  const page = { messages: [msg(1), { ...msg(2), version: 2 }], hasMore: false, lastSeq: 2, lastVersion: 2 };

  it("a newer version replaces the held copy, an older or equal one does not, and the same object comes back when nothing changed", () => {
    const timeline = timelineFromPage(page);
    expect(timeline.version).toBe(2);
    const edited = { ...msg(2), content: "edited", version: 5 };
    const updated = mergeMessages(timeline, [edited]);
    expect(updated.messages[1]).toBe(edited);
    expect(mergeMessages(updated, [{ ...msg(2), version: 3 }])).toBe(updated);
    expect(withChanges(updated, [edited])).toBe(updated);
  });

  it("marks hidden ones, keeps them hidden through later edits, and moves the version forward only", () => {
    const timeline = withChanges(timelineFromPage(page), [], ["m1"], 6);
    expect(timeline.messages[0]!.hidden).toBe(true);
    expect(timeline.version).toBe(6);
    const later = withChanges(timeline, [{ ...msg(1), content: "edited", version: 7 }], [], 4);
    expect(later.messages[0]).toMatchObject({ content: "edited", hidden: true });
    expect(later.version).toBe(6);
  });
});
