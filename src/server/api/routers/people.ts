// Other people: people.byUsername, people.search, people.profile, people.block, people.unblock,
// people.blocked.
import { z } from "zod";
import { blockUser, listBlocked, unblockUser } from "~/server/services/people/blocks";
import { getProfile } from "~/server/services/people/profile";
import { findByUsername } from "~/server/services/people/public-profile";
import { searchPeople } from "~/server/services/people/search";
import { userLimits } from "~/server/limits";
import { ZSearchPeopleInput, ZUserRef } from "~/shared/schemas/people";
import { ZUsername } from "~/shared/schemas/user";
import { createTRPCRouter, perUserLimit, protectedProcedure } from "../trpc";

const OK = { ok: true as const };

export const peopleRouter = createTRPCRouter({
  byUsername: protectedProcedure.input(z.object({ username: ZUsername })).query(({ input }) => findByUsername(input.username)),

  search: protectedProcedure.input(ZSearchPeopleInput).use(perUserLimit(userLimits.search)).query(({ ctx, input }) => searchPeople(ctx.auth.user.id, input)),

  profile: protectedProcedure.input(ZUserRef).query(({ ctx, input }) => getProfile(ctx.auth.user.id, input.userId)),

  block: protectedProcedure.input(ZUserRef).mutation(async ({ ctx, input }) => {
    await blockUser(ctx.auth.user.id, input.userId);
    return OK;
  }),

  unblock: protectedProcedure.input(ZUserRef).mutation(async ({ ctx, input }) => {
    await unblockUser(ctx.auth.user.id, input.userId);
    return OK;
  }),

  blocked: protectedProcedure.query(({ ctx }) => listBlocked(ctx.auth.user.id)),
});
