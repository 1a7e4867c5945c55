// What makes a password guessable (NIST SP 800-63B style: no composition rules, but refuse the
// blank, the trivial, the common and the ones built from the account's own names).
import { isCommonPassword } from "./common-passwords";
import { hasVisibleContent } from "./text";

/** Blank: nothing visible in it (spaces, zero-width characters...). */
function isBlankPassword(password: string): boolean {
  return !hasVisibleContent(password);
}

/** One character repeated, a short unit repeated ("abababab", "123123123"), or a run like "abcdefgh" / "87654321". */
function isTrivialPassword(password: string): boolean {
  const chars = [...password.toLowerCase()];
  for (let unit = 1; unit <= 3; unit++) {
    if (chars.length > unit && chars.every((char, i) => char === chars[i % unit])) return true;
  }
  const codes = chars.map((char) => char.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  return Math.abs(step) === 1 && codes.every((code, i) => i === 0 || code - codes[i - 1]! === step);
}

/** Names the password must not equal or contain (case-insensitively): username, display name, email's local part. */
export interface PasswordIdentity {
  username?: string | null;
  displayName?: string | null;
  email?: string | null;
}

const MIN_CONTAINED = 3;

export function resemblesIdentity(password: string, identity: PasswordIdentity): boolean {
  const lower = password.toLowerCase();
  const compact = lower.replace(/\s+/g, "");
  const parts = [identity.username, identity.displayName, identity.email?.split("@")[0]]
    .flatMap((part) => (part ? [part.trim().toLowerCase(), part.toLowerCase().replace(/\s+/g, "")] : []))
    .filter((part) => part.length > 0);
  return parts.some((part) => lower === part || (part.length >= MIN_CONTAINED && (lower.includes(part) || compact.includes(part))));
}

export const PASSWORD_LIKE_NAME_MESSAGE = "The password must not contain your username, name or email";

/** The first reason the password is weak, as a message and a translation key; null when it is fine. */
export function passwordWeakness(password: string): { message: string; key: string } | null {
  if (isBlankPassword(password)) return { message: "The password cannot be only spaces", key: "passwordBlank" };
  if (isCommonPassword(password)) return { message: "This password is too common", key: "passwordCommon" };
  if (isTrivialPassword(password)) return { message: "The password is too simple: avoid repeats and sequences", key: "passwordTrivial" };
  return null;
}
