// push.publicKey, push.subscribe, push.unsubscribe, push.status - this device's Web Push subscription
import { pushPublicKey, pushStatus, subscribePush, unsubscribePush } from "~/server/services/push/subscriptions";
import { ZPushEndpointInput, ZPushSubscribeInput } from "~/shared/schemas/push";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const pushRouter = createTRPCRouter({
  publicKey: protectedProcedure.query(() => ({ publicKey: pushPublicKey() })),
  subscribe: protectedProcedure
    .input(ZPushSubscribeInput)
    .mutation(({ ctx, input }) => subscribePush({ userId: ctx.auth.user.id, sessionId: ctx.auth.sessionId, userAgent: ctx.meta.userAgent }, input)),
  unsubscribe: protectedProcedure.input(ZPushEndpointInput).mutation(({ ctx, input }) => unsubscribePush(ctx.auth.user.id, input.endpoint)),
  status: protectedProcedure.query(({ ctx }) => pushStatus(ctx.auth.sessionId)),
});
