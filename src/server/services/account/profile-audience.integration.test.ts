import { describe, expect, it } from "vitest";
import { recordPublished, sentTo } from "../../../../test/publisher";
import { registerUser } from "../../../../test/trpc";

describe("user:updated on a profile change", () => {
  it("reaches the person, those sharing a chat and those in a friendship row — not strangers, and not for a bio edit", async () => {
    const [alice, bob, carol, dave] = await Promise.all([registerUser(), registerUser(), registerUser(), registerUser()]);
    await alice.call().chat.openDirect({ userId: bob.user.id });
    await carol.call().friend.request({ userId: alice.user.id });
    const published = recordPublished();

    await alice.call().account.updateProfile({ displayName: "Alice Renamed" });
    for (const person of [alice, bob, carol]) expect(sentTo(published, person.user.id, "user:updated")).toEqual([{ userId: alice.user.id }]);
    expect(sentTo(published, dave.user.id, "user:updated")).toEqual([]);

    await alice.call().account.updateProfile({ avatarUrl: "https://cdn.example.com/a.png" });
    expect(sentTo(published, bob.user.id, "user:updated")).toHaveLength(2);

    await alice.call().account.updateProfile({ bio: "only the bio" });
    expect(sentTo(published, bob.user.id, "user:updated")).toHaveLength(2);
  });
});
