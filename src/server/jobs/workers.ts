// Running the jobs: every app process (scripts/next-server.ts) calls startJobWorkers() unless
// JOBS_ENABLED=false. Nodes share the queue tables and fetch with FOR UPDATE SKIP LOCKED, so each
// job runs on one node at a time; a job whose node dies is expired by pg-boss's maintenance and retried.
import type PgBoss from "pg-boss";
import { env } from "~/env";
import { JOB_NAMES, JOBS, type JobName } from "./definitions";
import { JOB_HANDLERS, type JobAttempt } from "./handlers";
import { jobQueue, stopJobQueue } from "./queue";
import { log } from "~/server/ops/logger";

/** Validates a job's data and runs its handler; pg-boss (or the test drain) completes or fails it. */
export async function runJob(name: JobName, job: Pick<PgBoss.JobWithMetadata<unknown>, "data" | "retryCount" | "retryLimit">): Promise<unknown> {
  const handler = JOB_HANDLERS[name] as (data: unknown, attempt: JobAttempt) => Promise<unknown>;
  return handler(JOBS[name].data.parse(job.data), { final: job.retryCount >= job.retryLimit });
}

/** Starts JOBS_CONCURRENCY workers per queue and the cron schedules (no-op when JOBS_ENABLED=false). */
export async function startJobWorkers(): Promise<void> {
  if (!env.JOBS_ENABLED) return;
  const boss = await jobQueue({ supervise: true });
  for (const name of JOB_NAMES) {
    for (let worker = 0; worker < env.JOBS_CONCURRENCY; worker++) {
      await boss.work(name, { includeMetadata: true }, async ([job]) => (job ? runJob(name, job) : undefined));
    }
    const { cron } = JOBS[name] as { cron?: string };
    if (cron) await boss.schedule(name, cron, {}, { tz: "UTC" });
    // pg-boss keeps schedules in the database: one switched off (BACKUP_CRON unset) must be removed.
    else await boss.unschedule(name);
  }
  log().info({ queues: JOB_NAMES.length, workersPerQueue: env.JOBS_CONCURRENCY }, "jobs: workers started");
}

/** Stops taking jobs, lets running ones finish for up to `timeoutMs` (the rest are retried later). */
export async function stopJobWorkers(timeoutMs = 10_000): Promise<void> {
  await stopJobQueue(timeoutMs);
}
