// realtime.token - a short-lived token for the realtime sidecar's socket handshake
import { env } from "~/env";
import { REALTIME_TOKEN_TTL_SECONDS, signRealtimeToken } from "~/server/auth/tokens";
import { PROTOCOL_VERSION } from "~/shared/realtime/events";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const realtimeRouter = createTRPCRouter({
  token: protectedProcedure.mutation(async ({ ctx }) => ({
    token: await signRealtimeToken(env.AUTH_SECRET, { userId: ctx.auth.user.id, sessionId: ctx.auth.sessionId }),
    url: env.REALTIME_PUBLIC_URL[0]!,
    urls: env.REALTIME_PUBLIC_URL,
    protocol: PROTOCOL_VERSION,
    expiresInSeconds: REALTIME_TOKEN_TTL_SECONDS,
  })),
});
