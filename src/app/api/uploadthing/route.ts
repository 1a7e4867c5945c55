// GET/POST /api/uploadthing - UploadThing's route handler (STORAGE_DRIVER=uploadthing only; 404 otherwise).
import type { NextRequest } from "next/server";
import { env } from "~/env";
import { uploadThingRouteHandler } from "~/server/storage/uploadthing/file-router";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handler = env.STORAGE_DRIVER === "uploadthing" && env.UPLOADTHING_TOKEN ? uploadThingRouteHandler({ token: env.UPLOADTHING_TOKEN }) : null;

function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

export const GET = (req: NextRequest) => (handler ? handler.GET(req) : notFound());
export const POST = (req: NextRequest) => (handler ? handler.POST(req) : notFound());
