// tRPC setup: the request context, the error map and formatter, and the procedure bases.
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { env } from "~/env";
import { db } from "~/server/db";
import { isDatabaseUnavailable } from "~/server/db/errors";
import type { CookieJar } from "~/server/auth/cookies";
import { resolveRequestSession } from "./request-session";
import { consume, type LimitRule } from "~/server/rate-limit";
import type { RequestMeta } from "~/server/services/account/sessions";
import { AppError, APP_ERROR_TRPC_CODE } from "~/shared/errors";
import { appMetrics } from "~/server/ops/app-metrics";
import { log } from "~/server/ops/logger";
import { requestIdFrom } from "~/server/ops/request-id";
import { PerKeyConcurrency } from "./per-user-concurrency";

export interface CreateContextOptions {
  headers: Headers;
  cookies: CookieJar;
  /** The response's headers: they get the request id. */
  resHeaders?: Headers;
}

/** The caller's address: the first entry of the X-Forwarded-For chain that scripts/next-server.ts
 * rebuilt from the socket's peer and the trusted proxies' hops (so a client cannot choose it). */
function clientIp(headers: Headers): string | null {
  return (headers.get("x-forwarded-for") ?? "").split(",")[0]?.trim() || null;
}

/** The one mapping of a database outage (connection refused or dropped, shutdown, pool timeout):
 * 503 SERVICE_UNAVAILABLE, retryable, instead of a 500 that reads like a bug. */
function asUnavailable(error: unknown): TRPCError | null {
  if (!isDatabaseUnavailable(error)) return null;
  const cause = new AppError("SERVICE_UNAVAILABLE", "The service is temporarily unavailable. Try again in a moment.", { retryAfter: 2 });
  return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: cause.message, cause });
}

export async function createTRPCContext(opts: CreateContextOptions) {
  const requestId = requestIdFrom(opts.headers);
  opts.resHeaders?.set("x-request-id", requestId);
  const logger = log().child({ requestId });
  const meta: RequestMeta = { ip: clientIp(opts.headers), userAgent: opts.headers.get("user-agent") };
  // The session lookup is the first query of every request: an outage surfaces here first.
  const auth = await resolveRequestSession(opts.cookies, meta).catch((error: unknown) => {
    throw asUnavailable(error) ?? error;
  });
  return { db, cookies: opts.cookies, meta, auth, logger };
}

type Context = Awaited<ReturnType<typeof createTRPCContext>>;

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const zodError = cause instanceof ZodError ? cause : null;
    const appError = cause instanceof AppError ? cause : null;
    const hideInternal = error.code === "INTERNAL_SERVER_ERROR" && env.NODE_ENV === "production";
    const fieldErrors: Record<string, string[] | undefined> | null = zodError ? z.flattenError(zodError).fieldErrors : null;
    return {
      ...shape,
      message: zodError ? z.prettifyError(zodError) : hideInternal ? "Internal server error" : shape.message,
      data: {
        ...shape.data,
        stack: env.NODE_ENV === "development" ? shape.data.stack : undefined,
        fieldErrors,
        appCode: appError?.code ?? null,
        field: appError?.details.field ?? null,
        retryAfter: appError?.details.retryAfter ?? null,
      },
    };
  },
});

/** Domain errors become the tRPC error their code maps to, a database outage a 503; anything else
 * stays a 500 and is logged. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  const unavailable = result.ok ? null : asUnavailable(result.error.cause);
  if (!result.ok && unavailable) return { ...result, error: unavailable };
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    return { ...result, error: new TRPCError({ code: APP_ERROR_TRPC_CODE[cause.code], message: cause.message, cause }) };
  }
  if (!result.ok && result.error.cause instanceof ZodError) {
    // zod's own message is a JSON dump of its issues: server-side callers (createCaller) and logs get
    // the same readable text the error formatter gives HTTP clients.
    const cause = result.error.cause;
    return { ...result, error: new TRPCError({ code: result.error.code, message: z.prettifyError(cause), cause }) };
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Times and logs every call by procedure and final code (outermost, so it sees the mapped error). */
const timed = t.middleware(async ({ ctx, path, next }) => {
  const started = performance.now();
  const result = await next();
  const code = result.ok ? "OK" : result.error.code;
  const seconds = (performance.now() - started) / 1000;
  appMetrics().trpcDuration.observe({ procedure: path, code }, seconds);
  ctx.logger.info({ procedure: path, code, ms: Math.round(seconds * 1000) }, "trpc call");
  return result;
});

export const publicProcedure = t.procedure.use(timed).use(domainErrors);

const perUser = new PerKeyConcurrency(env.API_USER_CONCURRENCY);

/** A signed-in, not banned, not deleted user; narrows ctx.auth to non-null. One user's calls run
 * at most API_USER_CONCURRENCY at a time (per process), so a batch cannot hold the whole pool. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.auth) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  if (ctx.auth.user.banned) throw new AppError("ACCOUNT_BANNED", "This account has been blocked by an administrator");
  const auth = ctx.auth;
  return perUser.run(auth.user.id, () => next({ ctx: { ...ctx, auth } }));
});

/** Counts a call against `rule` for the signed-in user (server/limits.ts). Use after `.input()`,
 * so bad input is answered BAD_REQUEST and never spends the budget. */
export const perUserLimit = (rule: LimitRule) =>
  t.middleware(async ({ ctx, next }) => {
    if (ctx.auth) await consume(rule, ctx.auth.user.id);
    return next();
  });
