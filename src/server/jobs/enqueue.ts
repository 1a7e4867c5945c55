// Sending jobs. `enqueueIn(tx, …)` inserts the job through the caller's transaction, so the job
// exists exactly when the change that causes it commits (a rollback leaves none, and a crash
// after the commit cannot lose it): use it for anything that follows from a database change.
import type PgBoss from "pg-boss";
import type { RawQueryClient } from "~/server/db/sql";
import { JOBS, type JobInput, type JobName } from "./definitions";
import { jobQueue } from "./queue";

/** Per-job options: `startAfter` (seconds, ISO date or Date), `singletonKey` (one queued job per key
 * on `singleton`/`stately` queues, or per `singletonSeconds` window), `priority`, `id`. */
export type EnqueueOptions = Pick<PgBoss.SendOptions, "id" | "priority" | "startAfter" | "singletonKey" | "singletonSeconds">;

/** Sends a job now (on its own connection). Returns its id, or null when a singleton key dropped it. */
export async function enqueue<Name extends JobName>(name: Name, data: JobInput<Name>, options: EnqueueOptions = {}): Promise<string | null> {
  const boss = await jobQueue();
  return boss.send(name, parse(name, data), options);
}

/** Sends a job inside `tx` (`db.$transaction(async (tx) => …)`, the same `tx` `queryIn` takes). */
export async function enqueueIn<Name extends JobName>(tx: RawQueryClient, name: Name, data: JobInput<Name>, options: EnqueueOptions = {}): Promise<string | null> {
  const boss = await jobQueue();
  return boss.send(name, parse(name, data), { ...options, db: transactionDb(tx) });
}

function parse<Name extends JobName>(name: Name, data: JobInput<Name>): object {
  return JOBS[name].data.parse(data);
}

/** pg-boss's `db` option over a Prisma transaction: its statements run on the transaction's connection. */
function transactionDb(tx: RawQueryClient): PgBoss.Db {
  return {
    async executeSql(text, values) {
      // Prisma's raw queries refuse `undefined`, and take a JSON value as text (pg-boss casts it to jsonb).
      const args = values.map((value: unknown) => (value === undefined ? null : value !== null && typeof value === "object" && !(value instanceof Date) ? JSON.stringify(value) : value));
      return { rows: await tx.$queryRawUnsafe<unknown[]>(text, ...args) };
    },
  };
}
