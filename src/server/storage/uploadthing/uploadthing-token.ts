// UPLOADTHING_TOKEN, as the UploadThing dashboard gives it: base64 of
// `{ "apiKey": "sk_…", "appId": "…", "regions": ["sea1", …], "ingestHost"?: "ingest.uploadthing.com" }`.
// Parsed here so a bad token fails at start with a readable message, not on the first upload.
import { z } from "zod";

const ZToken = z.object({
  apiKey: z.string().startsWith("sk_", "its apiKey must start with sk_"),
  appId: z.string().min(1),
  regions: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1, "it names no region"),
  ingestHost: z.string().default("ingest.uploadthing.com"),
});

export type UploadThingToken = z.output<typeof ZToken>;

export function parseUploadThingToken(token: string): UploadThingToken {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
  } catch {
    throw new Error("UPLOADTHING_TOKEN is not base64-encoded JSON (copy it from the UploadThing dashboard, API Keys)");
  }
  const parsed = ZToken.safeParse(json);
  if (!parsed.success) throw new Error(`UPLOADTHING_TOKEN is not an UploadThing v7 token: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

/** Where the browser sends uploads (the token's first region) and where files are served from. */
export function uploadThingOrigins(token: UploadThingToken, ufsHost = "ufs.sh"): { ingest: string; files: string } {
  return { ingest: `https://${token.regions[0]}.${token.ingestHost}`, files: `https://${token.appId}.${ufsHost}` };
}
