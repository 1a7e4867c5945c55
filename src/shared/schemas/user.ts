// Zod schemas for accounts and profiles: the tRPC inputs and the forms' resolvers use the same ones.
// Messages are English for API clients; the UI shows its own translation by field and issue code.
import { z } from "zod";
import { PASSWORD_LIKE_NAME_MESSAGE, passwordWeakness, resemblesIdentity } from "./password-rules";
import { INVISIBLE_PARAMS, visibleOrEmpty, zText } from "./text";

const USERNAME_PATTERN = /^[a-z0-9_]+$/;

export const ZUsername = zText()
  .trim()
  .toLowerCase()
  .min(3, "Username must be at least 3 characters")
  .max(32, "Username must be at most 32 characters")
  .regex(USERNAME_PATTERN, "Username may contain only letters a–z, digits and _");

const ZEmail = zText().trim().toLowerCase().max(254, "Email is too long").pipe(z.email("Enter a valid email address"));

/** A password as typed to sign in or to prove it: any text, never trimmed (spaces are part of it). */
const ZPasswordText = zText().max(256, "Password must be at most 256 characters");

/** A new password: 8+ characters, not blank, trivial or common (its relation to the names is checked with them). */
export const ZPassword = ZPasswordText.min(8, "Password must be at least 8 characters").superRefine((value, ctx) => {
  const weakness = passwordWeakness(value);
  if (weakness) ctx.addIssue({ code: "custom", message: weakness.message, params: { key: weakness.key } });
});

export const ZDisplayName = zText()
  .trim()
  .min(1, "Display name is required")
  .max(64, "Display name must be at most 64 characters")
  .refine(visibleOrEmpty, { message: "Display name is required", params: INVISIBLE_PARAMS });

export const ZBio = zText().trim().max(500, "Bio must be at most 500 characters");

export const ZAvatarUrl = zText()
  .trim()
  .max(2048, "Avatar URL is too long")
  .pipe(z.url({ protocol: /^https$/, message: "Avatar URL must be an https:// link" }));

const ZLocale = z.enum(["ru", "en"]);
export type TLocale = z.infer<typeof ZLocale>;

export const ZRegisterInput = z
  .object({
    username: ZUsername,
    email: z.union([z.literal("").transform(() => undefined), ZEmail]).optional(),
    password: ZPassword,
    displayName: ZDisplayName,
    locale: ZLocale.optional(),
  })
  .superRefine((input, ctx) => {
    if (resemblesIdentity(input.password, input)) {
      ctx.addIssue({ code: "custom", path: ["password"], message: PASSWORD_LIKE_NAME_MESSAGE, params: { key: "passwordLikeName" } });
    }
  });
export type TRegisterInput = z.input<typeof ZRegisterInput>;

export const ZSignInInput = z.object({
  login: zText().trim().min(1, "Enter your username or email").max(254, "Username or email is too long"),
  password: ZPasswordText.min(1, "Enter your password"),
});

export const ZUpdateProfileInput = z
  .object({
    displayName: ZDisplayName,
    username: ZUsername,
    bio: ZBio,
    avatarUrl: z.union([z.literal("").transform(() => null), z.null(), ZAvatarUrl]),
  })
  .partial();

export const ZChangePasswordInput = z.object({
  currentPassword: ZPasswordText.min(1, "Enter your current password"),
  newPassword: ZPassword,
});

export const ZDeleteAccountInput = z.object({
  password: ZPasswordText.min(1, "Enter your password"),
});

export const ZSetLocaleInput = z.object({ locale: ZLocale });
