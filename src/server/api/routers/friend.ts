// friend.list, friend.request, friend.accept, friend.decline, friend.cancel, friend.remove
import { acceptFriend, cancelRequest, declineFriend, listFriends, removeFriend, requestFriend } from "~/server/services/people/friends";
import { findByUsername } from "~/server/services/people/public-profile";
import { ZFriendRequestInput, ZUserRef } from "~/shared/schemas/people";
import { createTRPCRouter, perUserLimit, protectedProcedure } from "../trpc";
import { userLimits } from "~/server/limits";

const OK = { ok: true as const };

export const friendRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listFriends(ctx.auth.user.id)),
  request: protectedProcedure.input(ZFriendRequestInput).use(perUserLimit(userLimits.friendRequest)).mutation(async ({ ctx, input }) => {
    const userId = "userId" in input ? input.userId : (await findByUsername(input.username)).id;
    return { userId, state: await requestFriend(ctx.auth.user.id, userId) };
  }),
  accept: protectedProcedure.input(ZUserRef).mutation(async ({ ctx, input }) => {
    await acceptFriend(ctx.auth.user.id, input.userId);
    return OK;
  }),
  decline: protectedProcedure.input(ZUserRef).mutation(async ({ ctx, input }) => {
    await declineFriend(ctx.auth.user.id, input.userId);
    return OK;
  }),
  cancel: protectedProcedure.input(ZUserRef).mutation(async ({ ctx, input }) => {
    await cancelRequest(ctx.auth.user.id, input.userId);
    return OK;
  }),
  remove: protectedProcedure.input(ZUserRef).mutation(async ({ ctx, input }) => {
    await removeFriend(ctx.auth.user.id, input.userId);
    return OK;
  }),
});
