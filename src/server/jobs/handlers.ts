// What each job does. The compiler checks there is a handler for every job in JOBS, taking its data.
import { purgeOrphanAttachments } from "~/server/services/attachments/cleanup";
import type { JobData, JobName } from "./definitions";
import { pruneDeliveries } from "~/server/services/push/deliver";
import { runPushJob } from "./push";
import { deleteStoredObjects } from "./storage-objects";

type JobHandlers = { [Name in JobName]: (data: JobData<Name>) => Promise<unknown> };

export const JOB_HANDLERS: JobHandlers = {
  "attachments.purge-orphans": () => purgeOrphanAttachments(),
  "storage.delete-objects": deleteStoredObjects,
  "push.send": runPushJob,
  "push.prune-deliveries": () => pruneDeliveries(),
};
