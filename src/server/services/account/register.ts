// Registration: validate uniqueness, hash the password, open the first session.
import type { z } from "zod";
import { db } from "~/server/db";
import { uniqueViolationFields } from "~/server/db/errors";
import { hashPassword } from "~/server/auth/password";
import { searchNameFor } from "./search-name";
import { consume } from "~/server/rate-limit";
import { AppError } from "~/shared/errors";
import type { ZRegisterInput } from "~/shared/schemas/user";
import { registerPerIp } from "./sign-in-limits";
import { createSession, type RequestMeta } from "./sessions";

export async function registerUser(input: z.output<typeof ZRegisterInput>, meta: RequestMeta) {
  await consume(registerPerIp, meta.ip ?? "unknown");
  const passwordHash = await hashPassword(input.password);
  const create = (emailFree: boolean) =>
    db.user.create({
      data: {
        username: input.username,
        email: emailFree ? (input.email ?? null) : null,
        pendingEmail: emailFree ? null : (input.email ?? null),
        passwordHash,
        displayName: input.displayName,
        searchName: searchNameFor(input.username, input.displayName),
        locale: input.locale ?? "ru",
      },
    });
  // An address another account uses is kept as pending, not refused: the answer is the same either
  // way, so registration tells no one which addresses have accounts (see pendingEmail).
  const emailFree = !input.email || (await db.user.count({ where: { email: input.email } })) === 0;
  let user;
  try {
    user = await create(emailFree).catch((error: unknown) => {
      // Taken between the check and the insert by a concurrent registration: the same outcome.
      if (emailFree && input.email && uniqueViolationFields(error)?.some((field) => field.includes("email"))) return create(false);
      throw error;
    });
  } catch (error) {
    throw uniqueToAppError(error);
  }
  const session = await createSession(user.id, meta);
  return { user, session };
}

/** Turns a username/email unique violation into the error a form shows beside that field. */
export function uniqueToAppError(error: unknown): unknown {
  const fields = uniqueViolationFields(error);
  if (!fields) return error;
  if (fields.some((field) => field.includes("email"))) {
    return new AppError("EMAIL_TAKEN", "This email is already registered", { field: "email" });
  }
  return new AppError("USERNAME_TAKEN", "This username is taken", { field: "username" });
}
