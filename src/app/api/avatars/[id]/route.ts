// GET /api/avatars/<id> - an uploaded avatar (users.avatar_url / chats.avatar_url hold this path).
import { serveAvatar } from "~/server/http/avatar-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return serveAvatar(req, (await params).id);
}
