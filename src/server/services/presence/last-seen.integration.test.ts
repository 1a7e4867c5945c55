import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { registerUser } from "../../../../test/trpc";
import { lastSeenOf, recordLastSeen } from "./last-seen";

describe("last seen", () => {
  it("is stored, and read for chat partners and friends only", async () => {
    const [anna, partner, friend, stranger] = await Promise.all([registerUser(), registerUser(), registerUser(), registerUser()]);
    await partner.call().chat.openDirect({ userId: anna.user.id });
    await friend.call().friend.request({ userId: anna.user.id });
    await anna.call().friend.accept({ userId: friend.user.id });

    const at = new Date("2026-01-02T03:04:05.678Z");
    await recordLastSeen(anna.user.id, at);
    expect((await db.user.findUniqueOrThrow({ where: { id: anna.user.id } })).lastSeenAt).toEqual(at);

    const expected = [{ userId: anna.user.id, lastSeenAt: at.toISOString() }];
    expect(await lastSeenOf(partner.user.id, [anna.user.id])).toEqual(expected);
    expect(await lastSeenOf(friend.user.id, [anna.user.id, stranger.user.id])).toEqual(expected);
    expect(await lastSeenOf(stranger.user.id, [anna.user.id])).toEqual([]);
  });

  it("the last-seen setting and blocks hide it", async () => {
    const [anna, friend, partner] = await Promise.all([registerUser(), registerUser(), registerUser()]);
    await friend.call().friend.request({ userId: anna.user.id });
    await anna.call().friend.accept({ userId: friend.user.id });
    await partner.call().chat.openDirect({ userId: anna.user.id });
    const [seen, ...more] = await lastSeenOf(partner.user.id, [anna.user.id]);
    expect(more).toEqual([]);
    expect(seen?.userId).toBe(anna.user.id);
    expect(Date.parse(seen?.lastSeenAt ?? "")).toBeGreaterThan(0);

    await anna.call().account.updatePrivacy({ lastSeenVisibility: "FRIENDS" });
    expect(await lastSeenOf(friend.user.id, [anna.user.id])).toHaveLength(1);
    expect(await lastSeenOf(partner.user.id, [anna.user.id])).toEqual([]);

    await anna.call().account.updatePrivacy({ lastSeenVisibility: "NOBODY" });
    expect(await lastSeenOf(friend.user.id, [anna.user.id])).toEqual([]);

    await anna.call().account.updatePrivacy({ lastSeenVisibility: "EVERYONE" });
    expect(await lastSeenOf(partner.user.id, [anna.user.id])).toHaveLength(1);
    await partner.call().people.block({ userId: anna.user.id });
    expect(await lastSeenOf(partner.user.id, [anna.user.id])).toEqual([]);
  });
});
