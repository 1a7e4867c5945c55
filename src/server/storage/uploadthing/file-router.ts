// UploadThing's side of the integration: the file router and its route handler (served at
// /api/uploadthing). Uploads do not start here: attachment.createUpload checks membership, size and
// quota and hands out a signed ingest URL (uploadthing-driver.ts), and attachment.complete checks
// the stored object. So the router's middleware refuses UploadThing's own client flow, and
// onUploadComplete (UploadThing's callback, which the handler accepts only with a valid
// `x-uploadthing-signature` by the token's API key) records nothing: it logs.
import { createRouteHandler, createUploadthing, type FileRouter } from "uploadthing/next";
import { UploadThingError } from "uploadthing/server";
import { log } from "~/server/ops/logger";

export interface UploadThingCallback {
  fileKey: string;
  customId: string | null;
  size: number;
}

function fileRouter(onUploadComplete: (file: UploadThingCallback) => void) {
  const f = createUploadthing();
  return {
    attachment: f({ blob: { maxFileSize: "2GB", maxFileCount: 10 } })
      .middleware(() => {
        // An Error (effect's TaggedError) the rule cannot see as one; only it gives a 403, not a 500.
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        throw new UploadThingError({ code: "FORBIDDEN", message: "Uploads start with attachment.createUpload" });
      })
      .onUploadComplete(({ file }) => {
        onUploadComplete({ fileKey: file.key, customId: file.customId, size: file.size });
      }),
  } satisfies FileRouter;
}

const logCallback = (file: UploadThingCallback) => log().info({ uploadthing: file }, "uploadthing: upload complete");

/** The Next route handler (GET: the router's config; POST: UploadThing's signed callbacks). */
export function uploadThingRouteHandler(options: { token: string; fetch?: typeof fetch; onUploadComplete?: (file: UploadThingCallback) => void }) {
  return createRouteHandler({
    router: fileRouter(options.onUploadComplete ?? logCallback),
    // "await": the callback's work finishes before UploadThing gets its answer (serverless-safe).
    config: { token: options.token, fetch: options.fetch, logLevel: "Error", handleDaemonPromise: "await", isDev: false },
  });
}
