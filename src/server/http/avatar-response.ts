// GET /api/avatars/<id>: an uploaded avatar for whoever may see it (avatar.ts decides), 404 for
// anyone else. The id changes with every new avatar, so the bytes are cached for a year.
import { Readable } from "node:stream";
import { readableAvatar } from "~/server/services/attachments/avatar";
import { ZId } from "~/shared/schemas/chat";
import { failure, notFound, signedInUserId } from "./file-responses";

export async function serveAvatar(req: Request, attachmentId: string): Promise<Response> {
  if (!ZId.safeParse(attachmentId).success) return notFound();
  const headers = new Headers({ "cache-control": "no-store" });
  try {
    const userId = await signedInUserId(req, headers);
    const avatar = userId ? await readableAvatar(userId, attachmentId) : null;
    if (!avatar) return notFound();
    headers.set("content-type", avatar.mimeType);
    headers.set("content-length", String(avatar.size));
    headers.set("x-content-type-options", "nosniff");
    headers.set("content-security-policy", "default-src 'none'; sandbox");
    // Private: each viewer's access was checked; immutable: a new avatar is a new id.
    headers.set("cache-control", "private, max-age=31536000, immutable");
    return new Response(Readable.toWeb(await avatar.body()) as ReadableStream, { status: 200, headers });
  } catch (error) {
    return failure(error);
  }
}
