// What each job does. The compiler checks there is a handler for every job in JOBS, taking its data.
import { runScheduledBackup } from "~/server/backup/scheduled-backup";
import { purgeOrphanAttachments } from "~/server/services/attachments/cleanup";
import { processImage } from "~/server/services/attachments/process-image";
import type { JobData, JobName } from "./definitions";
import { pruneDeliveries } from "~/server/services/push/deliver";
import { runPushJob } from "./push";
import { deleteStoredObjects } from "./storage-objects";

/** Which attempt this is: `final` when pg-boss will not retry a failure (a handler may then give up gracefully). */
export interface JobAttempt {
  final: boolean;
}

type JobHandlers = { [Name in JobName]: (data: JobData<Name>, attempt: JobAttempt) => Promise<unknown> };

export const JOB_HANDLERS: JobHandlers = {
  "attachments.purge-orphans": () => purgeOrphanAttachments(),
  "attachments.process-image": ({ attachmentId }, attempt) => processImage(attachmentId, attempt),
  "storage.delete-objects": deleteStoredObjects,
  "backup.run": () => runScheduledBackup(),
  "push.send": runPushJob,
  "push.prune-deliveries": () => pruneDeliveries(),
};
