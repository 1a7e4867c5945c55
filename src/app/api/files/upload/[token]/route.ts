// PUT /api/files/upload/<token> - the local storage driver's upload target (one file, or one part).
import { acceptLocalUpload } from "~/server/http/file-responses";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function PUT(req: Request, { params }: { params: Promise<{ token: string }> }) {
  return acceptLocalUpload(req, (await params).token);
}
