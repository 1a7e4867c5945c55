// auth.register, auth.signIn, auth.signOut
import { clearAuthCookies, setAuthCookies, setLocaleCookie } from "~/server/auth/cookies";
import { registerUser } from "~/server/services/account/register";
import { revokeSession } from "~/server/services/account/sessions";
import { signIn } from "~/server/services/account/sign-in";
import { toSelfView } from "~/server/services/account/self-view";
import { ZRegisterInput, ZSignInInput } from "~/shared/schemas/user";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const authRouter = createTRPCRouter({
  register: publicProcedure.input(ZRegisterInput).mutation(async ({ ctx, input }) => {
    const { user, session } = await registerUser(input, ctx.meta);
    setAuthCookies(ctx.cookies, session);
    setLocaleCookie(ctx.cookies, user.locale);
    return toSelfView(user);
  }),

  signIn: publicProcedure.input(ZSignInInput).mutation(async ({ ctx, input }) => {
    const { user, session } = await signIn(input, ctx.meta);
    setAuthCookies(ctx.cookies, session);
    setLocaleCookie(ctx.cookies, user.locale);
    return toSelfView(user);
  }),

  signOut: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.auth) await revokeSession(ctx.auth.sessionId);
    clearAuthCookies(ctx.cookies);
    return { ok: true as const };
  }),
});
