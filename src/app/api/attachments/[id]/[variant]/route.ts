// GET /api/attachments/<id>/<original|thumbnail>[?download=1] - the stable URL the UI puts in
// <img>/<audio>: checks the session and membership, then redirects to a short-lived signed URL.
import { redirectToAttachment } from "~/server/http/file-responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string; variant: string }> }) {
  const { id, variant } = await params;
  return redirectToAttachment(req, id, variant);
}
