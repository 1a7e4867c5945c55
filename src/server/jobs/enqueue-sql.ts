// Enqueuing from inside a single SQL statement: a CTE that inserts a pg-boss job the way pg-boss's
// own `send` does (the queue's retry, expiry and dead-letter settings), for hot paths that are one
// prepared statement and no interactive transaction (send, read marks). The job exists exactly
// when the statement's other writes commit. The queue must exist (it does once any process has
// started the job queue: every app process does at start-up).
import { randomUUID } from "node:crypto";
import { queryIn, sql, type RawQueryClient, type Sql } from "~/server/db/sql";
import { JOBS, type JobName } from "./definitions";
import { jobQueue } from "./queue";

/** `INSERT INTO pgboss.job … SELECT … FROM (source)`: one job per row of `source`, whose `data` column holds the job's JSON. */
export function insertJobsSql(name: JobName, source: Sql): Sql {
  return sql`
    INSERT INTO pgboss.job (id, name, data, priority, start_after, expire_in, keep_until, retry_limit, retry_delay, retry_backoff, policy, dead_letter)
    SELECT gen_random_uuid(), q.name, s.data::jsonb, 0, now(),
      COALESCE(q.expire_seconds, 900) * interval '1s',
      now() + COALESCE(q.retention_minutes * interval '1 minute', interval '14 days'),
      COALESCE(q.retry_limit, 2),
      CASE WHEN COALESCE(q.retry_backoff, false) THEN GREATEST(COALESCE(q.retry_delay, 0), 1) ELSE COALESCE(q.retry_delay, 0) END,
      COALESCE(q.retry_backoff, false), q.policy, q.dead_letter
    FROM (${source}) s JOIN pgboss.queue q ON q.name = ${name}`;
}

/** Runs a statement that enqueues through `insertJobsSql`; on a database where no process has started
 * the job queue yet (no pgboss schema: 42P01), starts it (creating the schema and queues) and runs it
 * again. The failed statement wrote nothing. */
export async function withJobQueue<T>(statement: () => Promise<T>): Promise<T> {
  try {
    return await statement();
  } catch (error) {
    if ((error as { code?: string }).code !== "42P01") throw error;
    await jobQueue();
    return statement();
  }
}

/** Enqueues a friend-event push inside `tx`, only when `toUserId` has a device subscribed. */
export async function enqueueFriendPushIn(tx: RawQueryClient, event: "request" | "accepted", toUserId: string, fromUserId: string): Promise<void> {
  const data = JOBS["push.send"].data.parse({ type: "friend", event, toUserId, fromUserId, pushId: randomUUID() });
  await queryIn(tx, insertJobsSql("push.send", sql`SELECT ${JSON.stringify(data)}::text AS data WHERE EXISTS (SELECT 1 FROM push_subscriptions WHERE user_id = ${toUserId}::uuid)`));
}
