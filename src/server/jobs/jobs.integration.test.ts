// The job queue on real PostgreSQL: enqueueing in the caller's transaction, retries with backoff,
// the dead-letter queue, the storage deletion job, and workers that finish what they started.
import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "~/server/db";
import { query, queryIn, sql } from "~/server/db/sql";
import { getStorage } from "~/server/storage";
import { queuedJobs, runQueuedJobs } from "../../../test/jobs";
import { isStored, storeFile } from "../../../test/stored-files";
import { DEAD_LETTER_QUEUE } from "./definitions";
import { enqueue, enqueueIn } from "./enqueue";
import { jobQueue } from "./queue";
import { deleteStoredObjectsIn } from "./storage-objects";
import { startJobWorkers, stopJobWorkers } from "./workers";

const storageDir = await vi.hoisted(async () => {
  process.env.JOBS_POLL_SECONDS = "0.5";
  return (await import("../../../test/temp-storage")).tempStorageDir();
});
afterAll(() => rm(storageDir, { recursive: true, force: true }));

class Rollback extends Error {}

async function rolledBack(work: (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0]) => Promise<unknown>) {
  await expect(db.$transaction(async (tx) => {
    await work(tx);
    throw new Rollback();
  })).rejects.toBeInstanceOf(Rollback);
}

describe("enqueueIn", () => {
  it("adds a job only when the caller's transaction commits (Prisma ORM and raw SQL in one transaction)", async () => {
    const [keep, drop] = [await storeFile(), await storeFile()];
    await rolledBack(async (tx) => {
      await tx.auditLog.create({ data: { action: "test.rollback", targetType: "test" } });
      await enqueueIn(tx, "storage.delete-objects", { keys: [drop] });
    });
    await db.$transaction(async (tx) => {
      await queryIn(tx, sql`INSERT INTO audit_log (id, action, target_type) VALUES (gen_random_uuid(), 'test.commit', 'test')`);
      await enqueueIn(tx, "storage.delete-objects", { keys: [keep] });
    });

    const jobs = await queuedJobs("storage.delete-objects");
    expect(jobs.map((job) => job.data)).toEqual([{ keys: [keep], uploads: [] }]);
    expect(await query(sql`SELECT action FROM audit_log WHERE action LIKE 'test.%'`)).toEqual([{ action: "test.commit" }]);

    const ran = await runQueuedJobs();
    expect(ran.map(({ name, ok }) => ({ name, ok }))).toEqual([{ name: "storage.delete-objects", ok: true }]);
    expect(await isStored(keep)).toBe(false);
    expect(await isStored(drop)).toBe(true);
    expect((await queuedJobs("storage.delete-objects"))[0]?.state).toBe("completed");
  });

  it("refuses data its job's schema does not accept, before anything is written", async () => {
    await expect(enqueue("storage.delete-objects", { keys: [""] })).rejects.toThrow();
    expect(await queuedJobs("storage.delete-objects")).toHaveLength(1);
  });
});

describe("storage.delete-objects", () => {
  it("deletes the objects and aborts unfinished resumable uploads; missing ones are no error", async () => {
    const storage = getStorage();
    const keys = [await storeFile(), await storeFile("thumbs")];
    const multipart = await storage.startMultipart(await storeFile("parts"), { size: storage.partBytes + 1, contentType: "application/octet-stream" });
    await db.$transaction((tx) =>
      deleteStoredObjectsIn(tx, [...keys, "files/never-stored"], [
        { key: multipart.key, uploadId: multipart.uploadId, size: multipart.size },
        { key: multipart.key, uploadId: "0".repeat(32), size: 1 },
      ]),
    );

    const ran = await runQueuedJobs();
    expect(ran.filter((job) => !job.ok)).toEqual([]);
    for (const key of keys) expect(await isStored(key)).toBe(false);
    await expect(storage.listParts(multipart)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("retries a failed run with backoff, then sends a job that failed every retry to the dead-letter queue", async () => {
    const key = await storeFile();
    const remove = vi.spyOn(getStorage(), "delete").mockRejectedValueOnce(new Error("store unreachable"));
    const id = await enqueue("storage.delete-objects", { keys: [key] });

    const first = await runQueuedJobs();
    expect(first.map(({ id: ran, ok }) => ({ ran, ok }))).toEqual([{ ran: id, ok: false }]);
    const waiting = (await queuedJobs("storage.delete-objects")).find((job) => job.id === id);
    expect(waiting).toMatchObject({ state: "retry", retryCount: 0, retryLimit: 5, retryBackoff: true });
    // Backoff: not due yet, so a plain run does nothing.
    expect(waiting!.startAfter.getTime()).toBeGreaterThan(Date.now());
    expect(await runQueuedJobs()).toEqual([]);

    const second = await runQueuedJobs({ ignoreStartAfter: true });
    expect(second.map(({ id: ran, ok }) => ({ ran, ok }))).toEqual([{ ran: id, ok: true }]);
    expect(await isStored(key)).toBe(false);
    expect(remove).toHaveBeenCalledTimes(2);

    remove.mockRejectedValue(new Error("store gone for good"));
    const doomed = await enqueue("storage.delete-objects", { keys: ["files/doomed"] });
    const runs = await runQueuedJobs({ ignoreStartAfter: true });
    expect(runs.filter((job) => job.id === doomed).map((job) => job.ok)).toEqual([false, false, false, false, false, false]);
    expect((await queuedJobs("storage.delete-objects")).find((job) => job.id === doomed)).toMatchObject({ state: "failed", retryCount: 5 });
    const boss = await jobQueue();
    const dead = await boss.fetch<{ keys: string[] }>(DEAD_LETTER_QUEUE, { batchSize: 10 });
    expect(dead.map((job) => job.data.keys)).toEqual([["files/doomed"]]);
    remove.mockRestore();
  });
});

describe("workers", () => {
  it("run enqueued jobs, and a stop waits for the job in flight", async () => {
    const key = await storeFile();
    let release!: () => void;
    let markStarted!: () => void;
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    const storage = getStorage();
    const realDelete = storage.delete.bind(storage);
    const remove = vi.spyOn(storage, "delete").mockImplementation(async (target) => {
      markStarted();
      await new Promise<void>((resolve) => (release = resolve));
      await realDelete(target);
    });

    await startJobWorkers();
    const id = await enqueue("storage.delete-objects", { keys: [key] });
    await started;
    let stopped = false;
    const stopping = stopJobWorkers(10_000).then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    release();
    await stopping;

    expect(await isStored(key)).toBe(false);
    expect((await queuedJobs("storage.delete-objects")).find((job) => job.id === id)?.state).toBe("completed");
    const schedules = (await (await jobQueue()).getSchedules()).map((schedule) => [schedule.name, schedule.cron]).sort();
    expect(schedules).toEqual([
      ["attachments.purge-orphans", "17 * * * *"],
      ["push.prune-deliveries", "41 * * * *"],
    ]);
    remove.mockRestore();
  });
});
