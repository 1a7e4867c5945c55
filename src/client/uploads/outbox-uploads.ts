// The outbox's uploads: a job the composer already started is adopted (the same clientId, so the
// file is never uploaded twice in one tab); otherwise the upload resumes from its saved state with
// the bytes read back from the outbox store (after a reload, or after a failure).
import type { RunUpload } from "../outbox";
import type { UploadJobState } from "./types";
import { UploadJob, type UploadDeps } from "./upload-job";

export class OutboxUploads {
  private live = new Map<string, UploadJob>();

  constructor(private readonly deps: UploadDeps) {}

  /** A job staged in the composer whose message was just queued. */
  adopt(job: UploadJob): void {
    this.live.set(job.clientId, job);
  }

  run: RunUpload = async (state, file, onState) => {
    let job = this.live.get(state.clientId);
    this.live.delete(state.clientId);
    if (!job) {
      const blob = await file();
      if (!blob) return { ...state, status: "failed", error: { code: "FILE_MISSING", message: "The file is no longer on this device", retryable: false } };
      const saved: UploadJobState = state.status === "done" ? state : { ...state, status: "uploading", error: null };
      job = new UploadJob(blob, state, this.deps, saved);
    }
    const unsubscribe = job.subscribe(onState);
    try {
      await (job.state.status === "failed" ? job.retry() : job.start());
      return job.state;
    } finally {
      unsubscribe();
    }
  };
}
