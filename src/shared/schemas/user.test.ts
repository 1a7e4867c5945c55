import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  ZAvatarUrl,
  ZBio,
  ZChangePasswordInput,
  ZPassword,
  ZRegisterInput,
  ZSetLocaleInput,
  ZSignInInput,
  ZUpdateProfileInput,
  ZUsername,
} from "./user";

const validRegister = { username: "alice", password: "Str0ng-enough", displayName: "Alice" };

function fieldErrors(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return z.flattenError(result.error!).fieldErrors as Record<string, string[] | undefined>;
}

describe("ZUsername", () => {
  it("lower-cases and trims, so 'Alice' and 'alice' are the same handle", () => {
    expect(ZUsername.parse("Alice")).toBe("alice");
    expect(ZUsername.parse("  BoB_42  ")).toBe("bob_42");
    expect(ZUsername.parse("ALICE")).toBe(ZUsername.parse("alice"));
  });

  it("accepts only [a-z0-9_]", () => {
    for (const ok of ["abc", "a_b", "user_123", "___", "007"]) expect(ZUsername.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["al ice", "al-ice", "al.ice", "alice!", "алиса", "ali\u0307ce", "a\tb", "al@ce", "deleted-0123"]) {
      expect(ZUsername.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("is 3 to 32 characters long, counted after trimming", () => {
    expect(ZUsername.safeParse("ab").success).toBe(false);
    expect(ZUsername.safeParse("  ab  ").success).toBe(false);
    expect(ZUsername.safeParse("abc").success).toBe(true);
    expect(ZUsername.safeParse("a".repeat(32)).success).toBe(true);
    expect(ZUsername.safeParse("a".repeat(33)).success).toBe(false);
    expect(ZUsername.safeParse("").success).toBe(false);
  });

  it("explains why a username is refused", () => {
    expect(fieldErrors(ZRegisterInput, { ...validRegister, username: "ab" }).username).toEqual(["Username must be at least 3 characters"]);
    expect(fieldErrors(ZRegisterInput, { ...validRegister, username: "a-b" }).username?.[0]).toMatch(/a–z, digits and _/);
  });
});

describe("email at registration", () => {
  it("is optional: absent or an empty string means no email", () => {
    expect(ZRegisterInput.parse(validRegister).email).toBeUndefined();
    expect(ZRegisterInput.parse({ ...validRegister, email: "" }).email).toBeUndefined();
  });

  it("is lower-cased and trimmed", () => {
    expect(ZRegisterInput.parse({ ...validRegister, email: "  Alice@Example.COM " }).email).toBe("alice@example.com");
  });

  it("must be a valid address when given", () => {
    for (const bad of ["alice", "alice@", "@example.com", "a b@example.com", "   ", `${"a".repeat(250)}@example.com`]) {
      expect(ZRegisterInput.safeParse({ ...validRegister, email: bad }).success, bad).toBe(false);
    }
    expect(fieldErrors(ZRegisterInput, { ...validRegister, email: "nope" }).email).toBeDefined();
  });

  it("rejects null and non-strings", () => {
    expect(ZRegisterInput.safeParse({ ...validRegister, email: null }).success).toBe(false);
    expect(ZRegisterInput.safeParse({ ...validRegister, email: 42 }).success).toBe(false);
  });
});

describe("ZPassword", () => {
  it("needs at least 8 characters and at most 256", () => {
    expect(ZPassword.safeParse("Xy7-abc").success).toBe(false);
    expect(ZPassword.safeParse("Xy7-abcd").success).toBe(true);
    expect(ZPassword.safeParse("Xy7-".repeat(64)).success).toBe(true);
    expect(ZPassword.safeParse(`${"Xy7-".repeat(64)}z`).success).toBe(false);
  });

  it("is not trimmed (spaces are part of a password)", () => {
    expect(ZPassword.parse("  Xy7-abcd  ")).toBe("  Xy7-abcd  ");
  });

  it("refuses common passwords, whatever their case", () => {
    for (const common of ["password", "PASSWORD", "Password123", "qwertyuiop", "QwErTyUiOp", "12345678", "пароль123", "ПАРОЛЬ123", "brainmessenger"]) {
      const result = ZPassword.safeParse(common);
      expect(result.success, common).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("This password is too common");
    }
  });

  it("applies to registration and to a new password, not to the current one", () => {
    expect(ZRegisterInput.safeParse({ ...validRegister, password: "Password1" }).success).toBe(false);
    expect(ZChangePasswordInput.safeParse({ currentPassword: "password", newPassword: "password1" }).success).toBe(false);
    expect(ZChangePasswordInput.safeParse({ currentPassword: "password", newPassword: "Str0ng-enough" }).success).toBe(true);
  });
});

describe("weak passwords", () => {
  const refused: Array<[string, string, RegExp]> = [
    ["eight spaces", "        ", /only spaces/],
    ["spaces and zero-width spaces", "    \u200B\u200B\u200B\u200B", /only spaces/],
    ["one repeated letter", "aaaaaaaa", /too simple/],
    ["one repeated letter, any case", "aAaAaAaA", /too simple/],
    ["one repeated digit", "7777777777", /too simple/],
    ["a repeated pair", "abababab", /too simple/],
    ["a repeated triple", "xyzxyzxyz", /too simple/],
    ["an ascending run", "abcdefgh", /too simple/],
    ["a descending run", "hgfedcba", /too simple/],
    ["an ascending digit run", "23456789", /too simple/],
    ["a Cyrillic run", "абвгдежз", /too simple/],
    ["a common one", "password1", /too common/],
  ];
  it.each(refused)("refuses %s", (_label, password, message) => {
    const result = ZPassword.safeParse(password);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join()).toMatch(message);
  });

  it.each(["correct horse battery", "Xy7-abcd", "aaaaaaab", "abcdefgz", "  Tr0ub4dor&3  ", "пароль-для-брейна"])("accepts %s", (password) => {
    expect(ZPassword.safeParse(password).success).toBe(true);
  });

  const likeName: Array<[string, Record<string, string>]> = [
    ["equal to the username", { username: "alice_smith", password: "alice_smith" }],
    ["the username in another case", { username: "alice_smith", password: "ALICE_SMITH" }],
    ["containing the username", { username: "alice_smith", password: "alice_smith2024!" }],
    ["equal to the display name", { displayName: "Boris Petrov", password: "Boris Petrov" }],
    ["the display name without its spaces", { displayName: "Boris Petrov", password: "borispetrov!" }],
    ["containing the display name", { displayName: "Борис", password: "мойБорис2024" }],
    ["containing the email's local part", { email: "svetlana.k@example.com", password: "Svetlana.K-1990" }],
  ];
  it.each(likeName)("refuses a password %s, on the password field", (_label, fields) => {
    const errors = fieldErrors(ZRegisterInput, { ...validRegister, ...fields });
    expect(errors.password).toEqual(["The password must not contain your username, name or email"]);
    expect(errors.username).toBeUndefined();
  });

  it("a short display name is only refused when equal, not when contained", () => {
    expect(ZRegisterInput.safeParse({ ...validRegister, displayName: "Al", password: "Always-sunny-7" }).success).toBe(true);
  });

  it("the schema's issue carries the translation key the form uses", () => {
    const result = ZRegisterInput.safeParse({ ...validRegister, username: "bobby", password: "bobby-1234" });
    expect(result.error?.issues[0]).toMatchObject({ path: ["password"], params: { key: "passwordLikeName" } });
  });
});

describe("ZAvatarUrl", () => {
  it("accepts only https links", () => {
    expect(ZAvatarUrl.safeParse("https://cdn.example.com/a.png").success).toBe(true);
    for (const bad of ["http://cdn.example.com/a.png", "javascript:alert(1)", "data:image/png;base64,AAAA", "ftp://x.com/a", "//cdn.example.com/a.png", "not a url", "https://"]) {
      expect(ZAvatarUrl.safeParse(bad).success, bad).toBe(false);
    }
    expect(ZAvatarUrl.safeParse(`https://x.com/${"a".repeat(2048)}`).success).toBe(false);
  });

  it("in a profile update, '' and null clear the avatar; http is refused on avatarUrl", () => {
    expect(ZUpdateProfileInput.parse({ avatarUrl: "" }).avatarUrl).toBeNull();
    expect(ZUpdateProfileInput.parse({ avatarUrl: null }).avatarUrl).toBeNull();
    expect(ZUpdateProfileInput.parse({}).avatarUrl).toBeUndefined();
    expect(fieldErrors(ZUpdateProfileInput, { avatarUrl: "http://x.com/a.png" }).avatarUrl).toEqual(["Avatar URL must be an https:// link"]);
  });
});

describe("ZBio", () => {
  it("is at most 500 characters after trimming", () => {
    expect(ZBio.safeParse("b".repeat(500)).success).toBe(true);
    expect(ZBio.safeParse(`  ${"b".repeat(500)}  `).success).toBe(true);
    expect(ZBio.safeParse("b".repeat(501)).success).toBe(false);
    expect(ZBio.parse("")).toBe("");
  });
});

describe("other account inputs", () => {
  it("profile updates are partial, so one field can change alone", () => {
    expect(ZUpdateProfileInput.parse({ displayName: "  New  " })).toEqual({ displayName: "New" });
    expect(ZUpdateProfileInput.safeParse({ displayName: "   " }).success).toBe(false);
    expect(ZUpdateProfileInput.safeParse({ displayName: "d".repeat(65) }).success).toBe(false);
  });

  it("sign-in needs a login and a password, within bounds", () => {
    expect(ZSignInInput.parse({ login: "  Alice ", password: "x" })).toEqual({ login: "Alice", password: "x" });
    expect(ZSignInInput.safeParse({ login: "  ", password: "x" }).success).toBe(false);
    expect(ZSignInInput.safeParse({ login: "alice", password: "" }).success).toBe(false);
    expect(ZSignInInput.safeParse({ login: "a".repeat(255), password: "x" }).success).toBe(false);
    expect(ZSignInInput.safeParse({ login: "alice", password: "x".repeat(257) }).success).toBe(false);
  });

  it("locale is ru or en", () => {
    expect(ZSetLocaleInput.safeParse({ locale: "en" }).success).toBe(true);
    expect(ZSetLocaleInput.safeParse({ locale: "ru" }).success).toBe(true);
    expect(ZSetLocaleInput.safeParse({ locale: "de" }).success).toBe(false);
    expect(ZRegisterInput.safeParse({ ...validRegister, locale: "EN" }).success).toBe(false);
  });

  it("strips unknown keys instead of passing them on (no mass assignment)", () => {
    const parsed = ZRegisterInput.parse({ ...validRegister, role: "ADMIN", banned: false, passwordHash: "x" });
    expect(Object.keys(parsed).sort()).toEqual(["displayName", "password", "username"]);
    expect(Object.keys(ZUpdateProfileInput.parse({ bio: "hi", role: "ADMIN" }))).toEqual(["bio"]);
  });
});
