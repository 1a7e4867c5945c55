// Running queued jobs synchronously in a test: fetch every due job of every queue, run it through
// the same `runJob` the workers use, complete or fail it (retries and dead-lettering as in
// production), and go on until no queue has a due job left. No polling, no sleeps.
import type PgBoss from "pg-boss";
import { JOB_NAMES, type JobName } from "~/server/jobs/definitions";
import { jobQueue } from "~/server/jobs/queue";
import { runJob } from "~/server/jobs/workers";

export interface RanJob {
  name: JobName;
  id: string;
  data: unknown;
  ok: boolean;
  error?: unknown;
}

/** Runs due jobs until none is left. `ignoreStartAfter`: also run jobs waiting for a later start or a retry's backoff. */
export async function runQueuedJobs(options: { ignoreStartAfter?: boolean } = {}): Promise<RanJob[]> {
  const boss = await jobQueue();
  const ran: RanJob[] = [];
  for (let pass = 0; ; pass++) {
    if (pass > 100) throw new Error("runQueuedJobs: jobs keep coming after 100 passes");
    let fetched = 0;
    for (const name of JOB_NAMES) {
      const jobs = await boss.fetch<unknown>(name, { batchSize: 50, ignoreStartAfter: options.ignoreStartAfter ?? false, includeMetadata: true });
      fetched += jobs.length;
      for (const job of jobs) ran.push(await runOne(boss, name, job));
    }
    if (fetched === 0) return ran;
  }
}

async function runOne(boss: PgBoss, name: JobName, job: PgBoss.JobWithMetadata<unknown>): Promise<RanJob> {
  try {
    await runJob(name, job);
    await boss.complete(name, job.id);
    return { name, id: job.id, data: job.data, ok: true };
  } catch (error) {
    await boss.fail(name, job.id, error instanceof Error ? { message: error.message } : { value: String(error) });
    return { name, id: job.id, data: job.data, ok: false, error };
  }
}

/** Jobs of `name` in the queue tables (any state), oldest first. */
export async function queuedJobs(name: JobName): Promise<PgBoss.JobWithMetadata<unknown>[]> {
  const boss = await jobQueue();
  const { rows } = await boss.getDb().executeSql(`SELECT id FROM pgboss.job WHERE name = $1 ORDER BY created_on, id`, [name]);
  const jobs = await Promise.all((rows as { id: string }[]).map(({ id }) => boss.getJobById<unknown>(name, id)));
  return jobs.filter((job) => job !== null);
}
