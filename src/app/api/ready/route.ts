// GET /api/ready - readiness for load balancers: 200 when PostgreSQL answers, the migrations are
// applied and Redis (when configured) answers; 503 naming the failing checks otherwise.
import { appReadiness } from "~/server/ops/app-readiness";
import { readinessAnswer } from "~/server/ops/readiness";

export const dynamic = "force-dynamic";

async function ready(): Promise<Response> {
  const { status, body } = readinessAnswer(await appReadiness());
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

export { ready as GET, ready as HEAD };
