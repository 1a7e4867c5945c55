// The upload engine's server: the tRPC `attachment` router.
import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "~/server/api/root";
import type { UploadApi } from "./types";

export function trpcUploadApi(api: TRPCClient<AppRouter>): UploadApi {
  return {
    createUpload: (input) => api.attachment.createUpload.mutate(input),
    uploadPart: (input) => api.attachment.uploadPart.mutate(input),
    complete: (input) => api.attachment.complete.mutate(input),
    abort: (input) => api.attachment.abort.mutate(input),
  };
}
