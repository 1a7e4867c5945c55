// The caller's own account: account.me, account.updateProfile, account.setAvatar, account.updatePrivacy, account.setLocale,
// account.changePassword, account.deleteAccount.
import { clearAuthCookies, setLocaleCookie } from "~/server/auth/cookies";
import { setOwnAvatar } from "~/server/services/account/avatar";
import { deleteAccount } from "~/server/services/account/delete-account";
import { setLocale, updateProfile } from "~/server/services/account/edit-profile";
import { changePassword } from "~/server/services/account/password";
import { updatePrivacy } from "~/server/services/account/privacy";
import { toSelfView } from "~/server/services/account/self-view";
import { userLimits } from "~/server/limits";
import { ZSetAvatarInput } from "~/shared/schemas/attachment";
import { ZPrivacyInput } from "~/shared/schemas/people";
import { ZChangePasswordInput, ZDeleteAccountInput, ZSetLocaleInput, ZUpdateProfileInput } from "~/shared/schemas/user";
import { createTRPCRouter, perUserLimit, protectedProcedure } from "../trpc";

const OK = { ok: true as const };

export const accountRouter = createTRPCRouter({
  me: protectedProcedure.query(({ ctx }) => toSelfView(ctx.auth.user)),

  updateProfile: protectedProcedure.input(ZUpdateProfileInput).mutation(async ({ ctx, input }) => toSelfView(await updateProfile(ctx.auth.user.id, input))),

  setAvatar: protectedProcedure.input(ZSetAvatarInput).mutation(async ({ ctx, input }) => toSelfView(await setOwnAvatar(ctx.auth.user.id, input.attachmentId))),

  updatePrivacy: protectedProcedure.input(ZPrivacyInput).mutation(async ({ ctx, input }) => toSelfView(await updatePrivacy(ctx.auth.user.id, input))),

  setLocale: protectedProcedure.input(ZSetLocaleInput).mutation(async ({ ctx, input }) => {
    const user = await setLocale(ctx.auth.user.id, input.locale);
    setLocaleCookie(ctx.cookies, user.locale);
    return toSelfView(user);
  }),

  changePassword: protectedProcedure.input(ZChangePasswordInput).use(perUserLimit(userLimits.passwordCheck)).mutation(async ({ ctx, input }) => {
    await changePassword(ctx.auth.user.id, ctx.auth.sessionId, input.currentPassword, input.newPassword);
    return OK;
  }),

  deleteAccount: protectedProcedure.input(ZDeleteAccountInput).use(perUserLimit(userLimits.passwordCheck)).mutation(async ({ ctx, input }) => {
    await deleteAccount(ctx.auth.user.id, input.password, ctx.meta);
    clearAuthCookies(ctx.cookies);
    return OK;
  }),
});
