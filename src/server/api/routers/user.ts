// user.me, user.byUsername, user.search, user.profile, user.block, user.unblock, user.blocked,
// user.updateProfile, user.updatePrivacy, user.setLocale, user.changePassword, user.deleteAccount
import { clearAuthCookies, setLocaleCookie } from "~/server/auth/cookies";
import { deleteAccount } from "~/server/services/users/delete-account";
import { changePassword } from "~/server/services/users/password";
import { setLocale, updateProfile } from "~/server/services/users/profile";
import { findByUsername } from "~/server/services/users/public-profile";
import { toSelfView } from "~/server/services/users/self-view";
import { z } from "zod";
import { blockUser, listBlocked, unblockUser } from "~/server/services/people/blocks";
import { getProfile } from "~/server/services/people/profile";
import { searchPeople } from "~/server/services/people/search";
import { updatePrivacy } from "~/server/services/users/privacy";
import { ZPrivacyInput, ZSearchPeopleInput, ZUserRef } from "~/shared/schemas/people";
import { ZChangePasswordInput, ZDeleteAccountInput, ZSetLocaleInput, ZUpdateProfileInput, ZUsername } from "~/shared/schemas/user";
import { createTRPCRouter, perUserLimit, protectedProcedure } from "../trpc";
import { userLimits } from "~/server/limits";

export const userRouter = createTRPCRouter({
  me: protectedProcedure.query(({ ctx }) => toSelfView(ctx.auth.user)),

  byUsername: protectedProcedure.input(z.object({ username: ZUsername })).query(({ input }) => findByUsername(input.username)),

  search: protectedProcedure.input(ZSearchPeopleInput).use(perUserLimit(userLimits.search)).query(({ ctx, input }) => searchPeople(ctx.auth.user.id, input)),

  profile: protectedProcedure.input(ZUserRef).query(({ ctx, input }) => getProfile(ctx.auth.user.id, input.userId)),

  block: protectedProcedure.input(ZUserRef).mutation(async ({ ctx, input }) => {
    await blockUser(ctx.auth.user.id, input.userId);
    return { ok: true as const };
  }),

  unblock: protectedProcedure.input(ZUserRef).mutation(async ({ ctx, input }) => {
    await unblockUser(ctx.auth.user.id, input.userId);
    return { ok: true as const };
  }),

  blocked: protectedProcedure.query(({ ctx }) => listBlocked(ctx.auth.user.id)),

  updatePrivacy: protectedProcedure.input(ZPrivacyInput).mutation(async ({ ctx, input }) => toSelfView(await updatePrivacy(ctx.auth.user.id, input))),

  updateProfile: protectedProcedure.input(ZUpdateProfileInput).mutation(async ({ ctx, input }) => {
    return toSelfView(await updateProfile(ctx.auth.user.id, input));
  }),

  setLocale: protectedProcedure.input(ZSetLocaleInput).mutation(async ({ ctx, input }) => {
    const user = await setLocale(ctx.auth.user.id, input.locale);
    setLocaleCookie(ctx.cookies, user.locale);
    return toSelfView(user);
  }),

  changePassword: protectedProcedure.input(ZChangePasswordInput).use(perUserLimit(userLimits.passwordCheck)).mutation(async ({ ctx, input }) => {
    await changePassword(ctx.auth.user.id, ctx.auth.sessionId, input.currentPassword, input.newPassword);
    return { ok: true as const };
  }),

  deleteAccount: protectedProcedure.input(ZDeleteAccountInput).use(perUserLimit(userLimits.passwordCheck)).mutation(async ({ ctx, input }) => {
    await deleteAccount(ctx.auth.user.id, input.password, ctx.meta);
    clearAuthCookies(ctx.cookies);
    return { ok: true as const };
  }),
});
