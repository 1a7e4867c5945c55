import { describe, expect, it } from "vitest";
import type { Receipts } from "~/client/receipts";
import type { MessageDto } from "~/shared/realtime/events";
import { readers, sentUpTo, storedStatus } from "./message-status";

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, second)).toISOString();
const own = (seq: number): MessageDto => ({
  id: `m${seq}`,
  chatId: "c",
  seq,
  senderId: "me",
  clientId: null,
  kind: "TEXT",
  content: "hi",
  system: null,
  replyToId: null,
  createdAt: at(seq * 10),
  editedAt: null,
  deletedAt: null,
  attachments: [],
});
const member = (id: string, joinedSecond = 0) => ({ id, joinedAt: at(joinedSecond) });
const marks = (lastReadSeq: number, lastDeliveredSeq: number) => ({ lastReadSeq, lastDeliveredSeq });
const NOTHING_SENT = new Map<string, number>();

describe("storedStatus", () => {
  const members = [member("me"), member("bob"), member("carol")];

  it("is sent, delivered when every other member has it, read when every other member read it", () => {
    const receipts: Receipts = { bob: marks(2, 3), carol: marks(1, 2) };
    expect(storedStatus(own(3), "me", members, receipts, NOTHING_SENT)).toBe("sent");
    expect(storedStatus(own(2), "me", members, receipts, NOTHING_SENT)).toBe("delivered");
    expect(storedStatus(own(1), "me", members, receipts, NOTHING_SENT)).toBe("read");
  });

  it("counts a member's own later message as having read everything before it", () => {
    const receipts: Receipts = { bob: marks(0, 0), carol: marks(5, 5) };
    const sent = sentUpTo([own(1), { ...own(4), senderId: "bob" }]);
    expect(storedStatus(own(3), "me", members, receipts, sent)).toBe("read");
    expect(storedStatus(own(5), "me", members, receipts, sent)).toBe("sent");
  });

  it("leaves out members who joined after the message, and is only sent with nobody else", () => {
    const late = [member("me"), member("bob"), member("dan", 25)];
    expect(storedStatus(own(2), "me", late, { bob: marks(2, 2) }, NOTHING_SENT)).toBe("read");
    expect(storedStatus(own(1), "me", [member("me")], {}, NOTHING_SENT)).toBe("sent");
  });

  it("treats a member without known marks as having nothing yet", () => {
    expect(storedStatus(own(1), "me", members, { bob: marks(1, 1) }, NOTHING_SENT)).toBe("sent");
    expect(storedStatus(own(1), "me", members, undefined, NOTHING_SENT)).toBe("sent");
  });
});

describe("readers", () => {
  it("lists the other members who read the message", () => {
    const members = [member("me"), member("bob"), member("carol")];
    const receipts: Receipts = { me: marks(9, 9), bob: marks(2, 2), carol: marks(1, 2) };
    expect(readers(own(2), "me", members, receipts, NOTHING_SENT).map((reader) => reader.id)).toEqual(["bob"]);
    expect(readers(own(1), "me", members, receipts, NOTHING_SENT).map((reader) => reader.id)).toEqual(["bob", "carol"]);
  });
});

describe("sentUpTo", () => {
  it("keeps each sender's newest sequence, skipping system messages", () => {
    const system = { ...own(9), senderId: null, kind: "SYSTEM" as const };
    expect([...sentUpTo([own(1), { ...own(4), senderId: "bob" }, own(3), system])]).toEqual([
      ["me", 3],
      ["bob", 4],
    ]);
  });
});
