// The process's one pg-boss instance, on its own small pool in the `pgboss` schema of the app's
// database. pg-boss creates and migrates that schema itself at start (under an advisory lock, so
// several nodes may start at once); every queue in JOBS is then created (a no-op when it exists).
import type pg from "pg";
import PgBoss from "pg-boss";
import { env } from "~/env";
import { createJobQueues } from "./queue-setup";
import { log } from "~/server/ops/logger";

interface QueueOptions {
  /** Maintenance (expiring stalled jobs, archiving) and cron: only on nodes that run workers. */
  supervise: boolean;
}

// On globalThis: Next's server bundle and the server script that starts the workers are separate
// module graphs in one process, and must share the instance.
const cache = globalThis as unknown as { bmJobQueue?: Promise<PgBoss>; bmJobQueueSupervised?: boolean };

/** The started instance; the first caller starts it (enqueue-only, unless the workers ask for supervision). */
export async function jobQueue(options: QueueOptions = { supervise: false }): Promise<PgBoss> {
  // Workers starting after something already enqueued in this process: restart it supervised.
  if (cache.bmJobQueue && options.supervise && !cache.bmJobQueueSupervised) await stopJobQueue(1_000);
  if (!cache.bmJobQueue) {
    cache.bmJobQueueSupervised = options.supervise;
    cache.bmJobQueue = startQueue(options).catch((error: unknown) => {
      delete cache.bmJobQueue;
      throw error;
    });
  }
  return cache.bmJobQueue;
}

async function startQueue({ supervise }: QueueOptions): Promise<PgBoss> {
  // Passed through to pg.Pool: a database that accepts and never answers must not hang start-up.
  const poolOptions: Pick<pg.PoolConfig, "connectionTimeoutMillis"> = { connectionTimeoutMillis: env.DATABASE_CONNECT_TIMEOUT_MS };
  const boss = new PgBoss({
    ...poolOptions,
    connectionString: env.DATABASE_URL,
    schema: "pgboss",
    application_name: "brainmessenger-jobs",
    max: env.JOBS_CONCURRENCY + 2,
    supervise,
    schedule: supervise,
    pollingIntervalSeconds: env.JOBS_POLL_SECONDS,
  });
  // An unhandled 'error' event would crash the process (a dropped connection, a failed poll).
  boss.on("error", (error) => log().warn({ error: error.message }, "jobs: queue error"));
  await boss.start();
  await createJobQueues(boss);
  return boss;
}

/** Stops the instance: waits up to `timeoutMs` for running jobs (the rest go back to retry), closes its pool. */
export async function stopJobQueue(timeoutMs: number): Promise<void> {
  const started = cache.bmJobQueue;
  if (!started) return;
  delete cache.bmJobQueue;
  const boss = await started.catch(() => null);
  await boss?.stop({ graceful: true, timeout: timeoutMs, wait: true });
}
