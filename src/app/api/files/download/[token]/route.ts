// GET /api/files/download/<token> - a local-driver file behind a signed, expiring link.
import { serveLocalDownload } from "~/server/http/file-responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  return serveLocalDownload(req, (await params).token);
}
