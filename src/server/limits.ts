// Every per-user abuse limit in one table (numbers from the environment, see .env.example).
// Sign-in and registration limits, keyed by address and account, are in services/auth/limits.ts.
import { env } from "~/env";
import type { BucketRule, LimitRule } from "./rate-limit";

const perMinute = (name: string, points: number): LimitRule => ({ name, points, durationSeconds: 60 });

/** New messages (message.send, message.sendBatch): a token bucket whose burst lets an outbox
 * drain after an outage; a resend of a stored message costs nothing. */
export const messageBucket: BucketRule = { name: "messages", perSecond: env.LIMIT_MESSAGES_PER_SECOND, burst: env.LIMIT_MESSAGES_BURST };

export const userLimits = {
  search: perMinute("user-search", env.LIMIT_SEARCHES_PER_MINUTE),
  friendRequest: perMinute("friend-request", env.LIMIT_FRIEND_REQUESTS_PER_MINUTE),
  createGroup: perMinute("chat-create-group", env.LIMIT_GROUPS_PER_MINUTE),
  addMembers: perMinute("chat-member-add", env.LIMIT_MEMBER_ADDS_PER_MINUTE),
  /** Upload slots (attachment.createUpload); a repeat for the same file still counts. */
  uploadSlot: perMinute("upload-slot", env.LIMIT_UPLOADS_PER_MINUTE),
  /** Password checks behind a session (change password, delete account): each is an argon2 hash. */
  passwordCheck: { name: "password-check", points: env.LIMIT_PASSWORD_CHECKS_PER_15_MINUTES, durationSeconds: 15 * 60 },
} satisfies Record<string, LimitRule>;
