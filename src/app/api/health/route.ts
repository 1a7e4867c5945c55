// GET /api/health - liveness: the process is up. Asks no dependency (see /api/ready for those).
import { HEALTH_BODY } from "~/server/ops/readiness";

export const dynamic = "force-dynamic";

function health(): Response {
  return Response.json(HEALTH_BODY, { headers: { "cache-control": "no-store" } });
}

export { health as GET, health as HEAD };
