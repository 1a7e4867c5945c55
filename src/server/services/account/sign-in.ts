// Sign-in by username or email. The same answer for an unknown login and a wrong password.
import type { z } from "zod";
import { db } from "~/server/db";
import { verifyAgainstDummy, verifyPassword } from "~/server/auth/password";
import { assertNotLimited, consume, reset } from "~/server/rate-limit";
import { AppError } from "~/shared/errors";
import type { ZSignInInput } from "~/shared/schemas/user";
import { signInFailuresPerAccount, signInFailuresPerAccountIp, signInPerIp } from "./sign-in-limits";
import { createSession, type RequestMeta } from "./sessions";

export async function signIn(input: z.output<typeof ZSignInInput>, meta: RequestMeta) {
  const login = input.login.toLowerCase();
  const ip = meta.ip ?? "unknown";
  await consume(signInPerIp, ip);

  const user = await db.user.findFirst({
    where: { deletedAt: null, ...(login.includes("@") ? { email: login } : { username: login }) },
  });
  // Failures count per account, whichever login (username or email) named it; an unknown login is
  // counted by its text, so probing unknown names meets the same limit as guessing a known one.
  const account = user ? `user:${user.id}` : `login:${login}`;
  const accountAtIp = `${account}|${ip}`;
  await assertNotLimited(signInFailuresPerAccountIp, accountAtIp);
  await assertNotLimited(signInFailuresPerAccount, account);

  const valid = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
  if (!user || !valid) {
    await consume(signInFailuresPerAccountIp, accountAtIp).catch(() => undefined);
    await consume(signInFailuresPerAccount, account).catch(() => undefined);
    throw new AppError("INVALID_CREDENTIALS", "Wrong username, email or password");
  }
  if (user.banned) throw new AppError("ACCOUNT_BANNED", "This account has been blocked by an administrator");

  // Only this address's count is forgiven: an attack spread over many addresses keeps counting.
  await reset(signInFailuresPerAccountIp, accountAtIp);
  const session = await createSession(user.id, meta);
  return { user, session };
}
