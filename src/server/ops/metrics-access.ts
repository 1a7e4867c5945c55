// Who may read Prometheus metrics (the app's /api/metrics, each sidecar's /metrics): only a scraper
// holding METRICS_TOKEN. Unset token: the endpoints do not exist (404), so nothing is exposed by default.
import { createHash, timingSafeEqual } from "node:crypto";

export type MetricsAccess = "ok" | "unauthorized" | "disabled";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Compares `Authorization: Bearer <token>` in constant time (over digests, so lengths leak nothing). */
export function metricsAccess(authorization: string | null | undefined, token: string | undefined): MetricsAccess {
  if (!token) return "disabled";
  const given = /^Bearer (.+)$/.exec(authorization ?? "")?.[1] ?? "";
  return timingSafeEqual(digest(given), digest(token)) ? "ok" : "unauthorized";
}

/** The HTTP status of a refused scrape. */
export const METRICS_REFUSAL_STATUS = { disabled: 404, unauthorized: 401 } as const;
