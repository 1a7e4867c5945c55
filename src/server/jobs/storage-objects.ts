// Removing stored files whose rows are gone: the rows are deleted in the caller's transaction and
// the objects by a retried job enqueued in that same transaction, so a rollback keeps both and a
// storage outage only delays the deletion.
import type { RawQueryClient } from "~/server/db/sql";
import { getStorage } from "~/server/storage";
import { AppError } from "~/shared/errors";
import type { JobData } from "./definitions";
import { enqueueIn } from "./enqueue";

/** A resumable upload that may still hold parts in the store. */
export interface PendingUpload {
  key: string;
  uploadId: string;
  size: number;
}

const PER_JOB = 1000;

/** Enqueues the deletion of `keys` (and the parts of `uploads`) in `tx`: done once `tx` commits. */
export async function deleteStoredObjectsIn(tx: RawQueryClient, keys: string[], uploads: PendingUpload[] = []): Promise<void> {
  for (let start = 0; start < Math.max(keys.length, uploads.length); start += PER_JOB) {
    await enqueueIn(tx, "storage.delete-objects", { keys: keys.slice(start, start + PER_JOB), uploads: uploads.slice(start, start + PER_JOB) });
  }
}

/** The `storage.delete-objects` job: deleting a missing object or an already finished upload is no error. */
export async function deleteStoredObjects({ keys, uploads }: JobData<"storage.delete-objects">): Promise<void> {
  const storage = getStorage();
  for (const key of keys) await storage.delete(key);
  for (const upload of uploads) {
    const partSize = storage.partBytes;
    await storage.abortMultipart({ ...upload, partSize, partCount: Math.max(1, Math.ceil(upload.size / partSize)) }).catch((error: unknown) => {
      if (!(error instanceof AppError && error.code === "NOT_FOUND")) throw error;
    });
  }
}
