// Zod schemas for people: search, friends, blocks, privacy.
import { z } from "zod";
import { ZId } from "./chat";
import { zText } from "./text";
import { ZUsername } from "./user";

export const ZSearchPeopleInput = z.object({
  query: zText().trim().min(2, "Type at least 2 characters").max(64, "Search text is too long"),
  limit: z.number().int().min(1).max(50).default(20),
  offset: z.number().int().min(0).max(1000).default(0),
});

export const ZUserRef = z.object({ userId: ZId });

/** A friend request names the person by id (from a profile) or by @username. */
export const ZFriendRequestInput = z.union([z.object({ userId: ZId }), z.object({ username: ZUsername })], {
  error: "Give a userId or a username",
});

export const ZPrivacyInput = z
  .object({
    lastSeenVisibility: z.enum(["EVERYONE", "FRIENDS", "NOBODY"]),
    messagePolicy: z.enum(["EVERYONE", "FRIENDS"]),
    groupInvitePolicy: z.enum(["EVERYONE", "FRIENDS"]),
    /** Show message text in push notifications (off: "New message from Alice"). */
    pushPreview: z.boolean(),
  })
  .partial();
