// Readiness: a few named checks, each bounded by a timeout, run at most once per `cacheMs` however
// often a load balancer asks. Framework-free: the Next route and the realtime sidecar both use it.
// The answer names the checks and their states only, never an error message, host or version.

/** A check's state: "off" is a dependency that is not configured (it does not make the node unready). */
export type CheckState = "ok" | "failing" | "pending" | "off";
export type Check = () => Promise<CheckState>;

export interface Readiness {
  ready: boolean;
  checks: Record<string, CheckState>;
}

export interface ReadinessOptions {
  /** A check that has not answered by then counts as failing (a hung database must not hang the probe). */
  timeoutMs?: number;
  /** How long one round of checks answers every caller. */
  cacheMs?: number;
  now?: () => number;
}

const DEFAULT_TIMEOUT_MS = 1_500;
const DEFAULT_CACHE_MS = 1_000;

/** The check's state, "failing" when it throws or outlasts `timeoutMs`. */
export async function boundedCheck(check: Check, timeoutMs: number): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckState>((resolve) => (timer = setTimeout(() => resolve("failing"), timeoutMs)));
  try {
    return await Promise.race([check().catch((): CheckState => "failing"), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check in parallel; ready when each is "ok" or "off". */
export async function checkReadiness(checks: Record<string, Check>, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Readiness> {
  const names = Object.keys(checks);
  const states = await Promise.all(names.map((name) => boundedCheck(checks[name]!, timeoutMs)));
  const results = Object.fromEntries(names.map((name, index) => [name, states[index]!]));
  return { ready: states.every((state) => state === "ok" || state === "off"), checks: results };
}

/** `checkReadiness` shared by the callers of one round: a round started less than `cacheMs` ago
 * (or still running) answers them all. */
export function cachedReadiness(checks: Record<string, Check>, options: ReadinessOptions = {}): () => Promise<Readiness> {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, cacheMs = DEFAULT_CACHE_MS, now = Date.now } = options;
  let last: { startedAt: number; result: Promise<Readiness> } | null = null;
  return () => {
    if (!last || now() - last.startedAt >= cacheMs) last = { startedAt: now(), result: checkReadiness(checks, timeoutMs) };
    return last.result;
  };
}

/** The HTTP answer: 200 `{status:"ready"}`, or 503 with each check's state. */
export function readinessAnswer(readiness: Readiness): { status: 200 | 503; body: ReadinessBody } {
  if (readiness.ready) return { status: 200, body: { status: "ready" } };
  return { status: 503, body: { status: "not ready", checks: readiness.checks } };
}

export type ReadinessBody = { status: "ready" } | { status: "not ready"; checks: Record<string, CheckState> };

/** The liveness answer: the process is up (no dependency is asked). */
export const HEALTH_BODY = { status: "ok" } as const;
