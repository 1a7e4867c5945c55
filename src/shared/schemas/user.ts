// Zod schemas for accounts and profiles: the tRPC inputs and the forms' resolvers use the same ones.
// Messages are English for API clients; the UI shows its own translation by field and issue code.
import { z } from "zod";
import { isCommonPassword } from "./common-passwords";

export const USERNAME_PATTERN = /^[a-z0-9_]+$/;

export const ZUsername = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "Username must be at least 3 characters")
  .max(32, "Username must be at most 32 characters")
  .regex(USERNAME_PATTERN, "Username may contain only letters a–z, digits and _");

export const ZEmail = z.string().trim().toLowerCase().max(254, "Email is too long").pipe(z.email("Enter a valid email address"));

export const ZPassword = z
  .string()
  .min(8, "Password must be at least 8 characters")
  .max(256, "Password must be at most 256 characters")
  .refine((value) => !isCommonPassword(value), { message: "This password is too common", params: { key: "passwordCommon" } });

export const ZDisplayName = z
  .string()
  .trim()
  .min(1, "Display name is required")
  .max(64, "Display name must be at most 64 characters");

export const ZBio = z.string().trim().max(500, "Bio must be at most 500 characters");

export const ZAvatarUrl = z
  .string()
  .trim()
  .max(2048, "Avatar URL is too long")
  .pipe(z.url({ protocol: /^https$/, message: "Avatar URL must be an https:// link" }));

export const ZLocale = z.enum(["ru", "en"]);
export type TLocale = z.infer<typeof ZLocale>;

export const ZRegisterInput = z.object({
  username: ZUsername,
  email: z.union([z.literal("").transform(() => undefined), ZEmail]).optional(),
  password: ZPassword,
  displayName: ZDisplayName,
  locale: ZLocale.optional(),
});
export type TRegisterInput = z.input<typeof ZRegisterInput>;

export const ZSignInInput = z.object({
  login: z.string().trim().min(1, "Enter your username or email").max(254, "Username or email is too long"),
  password: z.string().min(1, "Enter your password").max(256, "Password must be at most 256 characters"),
});
export type TSignInInput = z.input<typeof ZSignInInput>;

export const ZUpdateProfileInput = z
  .object({
    displayName: ZDisplayName,
    username: ZUsername,
    bio: ZBio,
    avatarUrl: z.union([z.literal("").transform(() => null), z.null(), ZAvatarUrl]),
  })
  .partial();
export type TUpdateProfileInput = z.input<typeof ZUpdateProfileInput>;

export const ZChangePasswordInput = z.object({
  currentPassword: z.string().min(1, "Enter your current password").max(256, "Password must be at most 256 characters"),
  newPassword: ZPassword,
});
export type TChangePasswordInput = z.input<typeof ZChangePasswordInput>;

export const ZDeleteAccountInput = z.object({
  password: z.string().min(1, "Enter your password").max(256, "Password must be at most 256 characters"),
});
export type TDeleteAccountInput = z.input<typeof ZDeleteAccountInput>;

export const ZSetLocaleInput = z.object({ locale: ZLocale });
