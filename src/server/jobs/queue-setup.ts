// Creating every queue in JOBS (and the dead-letter queue) on a started pg-boss; no ~/env import, so
// the test set-up can install the job schema into its template database too.
import type PgBoss from "pg-boss";
import { DEAD_LETTER_QUEUE, JOB_NAMES, JOBS } from "./definitions";

export async function createJobQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(DEAD_LETTER_QUEUE);
  for (const name of JOB_NAMES) {
    const settings = { ...JOBS[name].queue, name, deadLetter: DEAD_LETTER_QUEUE };
    await boss.createQueue(name, settings);
    // createQueue keeps an existing queue as it was: bring its retry and expiry settings up to date.
    await boss.updateQueue(name, settings);
  }
}
