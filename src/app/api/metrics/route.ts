// GET /api/metrics - Prometheus metrics of this app process, for a scraper holding METRICS_TOKEN
// (404 when it is unset, 401 with a missing or wrong bearer token).
import { env } from "~/env";
import { metricsResponse } from "~/server/ops/app-metrics";

export const dynamic = "force-dynamic";

export function GET(req: Request): Promise<Response> {
  return metricsResponse(req, env.METRICS_TOKEN);
}
