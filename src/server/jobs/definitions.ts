// Every background job by name: the zod schema of its data and its queue's policy (retries,
// expiry, schedule). Handlers live in handlers.ts, so code that only enqueues imports no handler.
import type PgBoss from "pg-boss";
import { z } from "zod";

interface JobDefinition {
  data: z.ZodType<object>;
  /** The queue's settings: retries (with exponential backoff from `retryDelay` seconds), expiry. */
  queue: Omit<PgBoss.Queue, "name" | "deadLetter">;
  /** A cron expression (UTC): the job is sent on that schedule with `{}` as data. */
  cron?: string;
}

/** Jobs that failed every retry are copied here (their own queue keeps them as `failed` too). */
export const DEAD_LETTER_QUEUE = "jobs.dead-letter";

const ZPushJob = z.discriminatedUnion("type", [
  /** A new message: every other member's devices, as the push rules allow. */
  z.object({ type: z.literal("message"), messageId: z.uuid() }),
  /** `userId` read `chatId` up to `upToSeq`: close the notifications shown for it on their devices. */
  z.object({ type: z.literal("close"), userId: z.uuid(), chatId: z.uuid(), upToSeq: z.number().int().nonnegative() }),
  /** A friend request received, or one `fromUserId` sent accepted by `toUserId`'s counterpart. `pushId` keeps a retry idempotent. */
  z.object({ type: z.literal("friend"), event: z.enum(["request", "accepted"]), toUserId: z.uuid(), fromUserId: z.uuid(), pushId: z.uuid() }),
]);

const retried = { retryLimit: 5, retryDelay: 30, retryBackoff: true } as const;

export const JOBS = {
  // Uploads never sent in a message (ATTACHMENT_ORPHAN_HOURS); `stately`: one run queued at most.
  "attachments.purge-orphans": { data: z.object({}), queue: { ...retried, policy: "stately", expireInSeconds: 30 * 60 }, cron: "17 * * * *" },
  // An image just completed: strip its metadata and make its thumbnail (off the request path).
  // Short backoff (5 s doubling): the person is looking at a placeholder meanwhile.
  "attachments.process-image": {
    data: z.object({ attachmentId: z.uuid() }),
    queue: { retryLimit: 4, retryDelay: 5, retryBackoff: true, expireInSeconds: 10 * 60 },
  },
  // Stored objects whose rows are gone (a deleted account's uploads, purged orphans, later messages).
  "storage.delete-objects": {
    data: z.object({
      keys: z.array(z.string().min(1)).max(1000),
      /** Resumable uploads that may still hold parts. */
      uploads: z.array(z.object({ key: z.string().min(1), uploadId: z.string().min(1), size: z.number().int().nonnegative() })).max(1000).default([]),
    }),
    queue: { ...retried, expireInSeconds: 10 * 60 },
  },
  // `npm run backup` on a schedule (BACKUP_CRON, off when unset; validated in src/env.ts, read raw here so
  // this table loads without the app's env, e.g. in the tests' set-up); one at a time, retried twice.
  "backup.run": { data: z.object({}), queue: { retryLimit: 2, retryDelay: 600, policy: "stately", expireInSeconds: 2 * 60 * 60 }, cron: process.env.BACKUP_CRON || undefined },
  // Web push to a person's devices (services/push/): one job per message, read mark or friend event,
  // fanned out to devices inside. Retried sooner than the rest: a late notification is a worse one.
  "push.send": { data: ZPushJob, queue: { retryLimit: 6, retryDelay: 5, retryBackoff: true, expireInSeconds: 5 * 60 } },
  "push.prune-deliveries": { data: z.object({}), queue: { ...retried, policy: "stately", expireInSeconds: 10 * 60 }, cron: "41 * * * *" },
} satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof JOBS;
/** What `enqueue` takes (defaults optional). */
export type JobInput<Name extends JobName> = z.input<(typeof JOBS)[Name]["data"]>;
/** What a handler gets (parsed, defaults filled). */
export type JobData<Name extends JobName> = z.output<(typeof JOBS)[Name]["data"]>;

export const JOB_NAMES = Object.keys(JOBS) as JobName[];
