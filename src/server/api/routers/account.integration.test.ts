import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { ACCESS_COOKIE, LOCALE_COOKIE, REFRESH_COOKIE } from "~/server/auth/cookies";
import { expectTRPCError, newClient, newRegisterInput, randomSuffix, randomUsername, registerUser } from "../../../../test/trpc";

describe("account.me", () => {
  it("is UNAUTHORIZED when signed out", async () => {
    const { shape } = await expectTRPCError(newClient().call().account.me(), "UNAUTHORIZED");
    expect(shape.data.appCode).toBe("UNAUTHENTICATED");
  });
});

describe("account.updateProfile", () => {
  it("changes the display name (trimmed) and nothing else", async () => {
    const { user, call } = await registerUser();
    const updated = await call().account.updateProfile({ displayName: "  New Name  " });
    expect(updated.displayName).toBe("New Name");
    expect(updated.username).toBe(user.username);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.displayName).toBe("New Name");
    expect(row.username).toBe(user.username);
  });

  it("changes the username (lower-cased) and frees the old one", async () => {
    const { user, input, call } = await registerUser();
    const wanted = `New_${randomSuffix(8)}`;
    const updated = await call().account.updateProfile({ username: wanted });
    expect(updated.username).toBe(wanted.toLowerCase());
    expect((await call().account.me()).username).toBe(wanted.toLowerCase());
    const reuse = await registerUser({ username: input.username });
    expect(reuse.user.id).not.toBe(user.id);
  });

  it("refuses a username someone else has (any case): CONFLICT / USERNAME_TAKEN", async () => {
    const other = await registerUser();
    const { user, call } = await registerUser();
    const { shape } = await expectTRPCError(call().account.updateProfile({ username: other.input.username.toUpperCase(), displayName: "Changed" }), "CONFLICT");
    expect(shape.data).toMatchObject({ appCode: "USERNAME_TAKEN", field: "username" });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.username).toBe(user.username);
    expect(row.displayName).toBe(user.displayName);
  });

  it("keeps one's own username (no conflict with oneself)", async () => {
    const { user, call } = await registerUser();
    const updated = await call().account.updateProfile({ username: user.username.toUpperCase(), bio: "same me" });
    expect(updated.username).toBe(user.username);
    expect(updated.bio).toBe("same me");
  });

  it("refuses a bio over 500 characters with BAD_REQUEST on 'bio'", async () => {
    const { user, call } = await registerUser();
    await call().account.updateProfile({ bio: "b".repeat(500) });
    const { shape } = await expectTRPCError(call().account.updateProfile({ bio: "b".repeat(501) }), "BAD_REQUEST");
    expect(shape.data.fieldErrors?.bio?.[0]).toMatch(/500/);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).bio).toBe("b".repeat(500));
  });

  it("sets an https avatar, refuses http:// with fieldErrors.avatarUrl, and '' clears it", async () => {
    const { user, call } = await registerUser();
    const url = "https://cdn.example.com/avatars/me.png";
    expect((await call().account.updateProfile({ avatarUrl: url })).avatarUrl).toBe(url);

    const { shape } = await expectTRPCError(call().account.updateProfile({ avatarUrl: "http://cdn.example.com/a.png" }), "BAD_REQUEST");
    expect(shape.data.fieldErrors?.avatarUrl).toEqual(["Avatar URL must be an https:// link"]);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).avatarUrl).toBe(url);

    expect((await call().account.updateProfile({ avatarUrl: "" })).avatarUrl).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).avatarUrl).toBeNull();
  });

  it("leaves fields that are not sent untouched", async () => {
    const { user, call } = await registerUser();
    await call().account.updateProfile({ bio: "hello", avatarUrl: "https://x.example/a.png" });
    const updated = await call().account.updateProfile({ displayName: "Only name" });
    expect(updated).toMatchObject({ bio: "hello", avatarUrl: "https://x.example/a.png", username: user.username });
  });
});

describe("account.setLocale", () => {
  it("stores the locale and sets the NEXT_LOCALE cookie", async () => {
    const { user, jar, call } = await registerUser();
    expect(user.locale).toBe("ru");
    const updated = await call().account.setLocale({ locale: "en" });
    expect(updated.locale).toBe("en");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("en");
    expect(jar.get(LOCALE_COOKIE)).toBe("en");
    const write = jar.writes.findLast((w) => w.name === LOCALE_COOKIE)!;
    expect(write.options.httpOnly).toBe(false);
    expect(write.options.maxAge).toBeGreaterThan(30 * 24 * 60 * 60);
  });

  it("refuses an unsupported locale", async () => {
    const { user, call } = await registerUser();
    await expectTRPCError(call().account.setLocale({ locale: "de" as "en" }), "BAD_REQUEST");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("ru");
  });
});

describe("account.changePassword", () => {
  it("with a wrong current password: BAD_REQUEST / WRONG_PASSWORD on 'currentPassword'", async () => {
    const { user, input, call } = await registerUser();
    const before = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    const { shape } = await expectTRPCError(call().account.changePassword({ currentPassword: `${input.password}!`, newPassword: "Another-Str0ng-pw" }), "BAD_REQUEST");
    expect(shape.data).toMatchObject({ appCode: "WRONG_PASSWORD", field: "currentPassword" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(before.passwordHash);
  });

  it("refuses a weak new password", async () => {
    const { input, call } = await registerUser();
    const { shape } = await expectTRPCError(call().account.changePassword({ currentPassword: input.password, newPassword: "qwerty123" }), "BAD_REQUEST");
    expect(shape.data.fieldErrors?.newPassword).toBeDefined();
  });

  it("refuses a new password containing the username, name or email: BAD_REQUEST / PASSWORD_LIKE_NAME on 'newPassword'", async () => {
    const { user, input, call } = await registerUser({ displayName: "Svetlana Orlova", email: `lana_${randomSuffix(6)}@example.test` });
    const before = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    for (const newPassword of [input.username, `${input.username.toUpperCase()}-2024`, "svetlanaorlova!", `${input.email!.split("@")[0]}#1`]) {
      const { shape } = await expectTRPCError(call().account.changePassword({ currentPassword: input.password, newPassword }), "BAD_REQUEST");
      expect(shape.data, newPassword).toMatchObject({ appCode: "PASSWORD_LIKE_NAME", field: "newPassword" });
    }
    for (const newPassword of ["        ", "zzzzzzzz", "98765432"]) {
      const { shape } = await expectTRPCError(call().account.changePassword({ currentPassword: input.password, newPassword }), "BAD_REQUEST");
      expect(shape.data.fieldErrors?.newPassword, newPassword).toBeDefined();
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(before.passwordHash);
  });

  it("with the right one: the new password works, the old one doesn't, other sessions end, this one stays", async () => {
    const { user, input, call } = await registerUser();
    const phone = newClient();
    await phone.call().auth.signIn({ login: input.username, password: input.password });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(2);

    const newPassword = `New-${randomSuffix(12)}`;
    expect(await call().account.changePassword({ currentPassword: input.password, newPassword })).toEqual({ ok: true });

    expect((await call().account.me()).id).toBe(user.id);
    await expectTRPCError(phone.call().account.me(), "UNAUTHORIZED");
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);

    const old = await expectTRPCError(newClient().call().auth.signIn({ login: input.username, password: input.password }), "UNAUTHORIZED");
    expect(old.shape.data.appCode).toBe("INVALID_CREDENTIALS");
    expect((await newClient().call().auth.signIn({ login: input.username, password: newPassword })).id).toBe(user.id);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(row.passwordHash).not.toContain(newPassword);
  });
});

describe("account.deleteAccount", () => {
  it("with a wrong password: BAD_REQUEST / WRONG_PASSWORD, nothing deleted", async () => {
    const { user, input, call } = await registerUser();
    const { shape } = await expectTRPCError(call().account.deleteAccount({ password: `${input.password}x` }), "BAD_REQUEST");
    expect(shape.data).toMatchObject({ appCode: "WRONG_PASSWORD", field: "password" });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.deletedAt).toBeNull();
    expect((await call().account.me()).id).toBe(user.id);
  });

  it("with the right password: signed out everywhere, can't sign in, name and email free, row kept as a tombstone", async () => {
    const email = `del_${randomSuffix()}@example.test`;
    const { user, input, jar, call } = await registerUser({ email, displayName: "Doomed", locale: "en" });
    await call().account.updateProfile({ bio: "about me", avatarUrl: "https://x.example/me.png" });
    const phone = newClient();
    await phone.call().auth.signIn({ login: email, password: input.password });
    const stolen = jar.clone();

    expect(await call().account.deleteAccount({ password: input.password })).toEqual({ ok: true });
    expect(jar.has(ACCESS_COOKIE)).toBe(false);
    expect(jar.has(REFRESH_COOKIE)).toBe(false);

    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    await expectTRPCError(phone.call().account.me(), "UNAUTHORIZED");
    await expectTRPCError(newClient({ jar: stolen }).call().account.me(), "UNAUTHORIZED");

    const unknown = await expectTRPCError(newClient().call().auth.signIn({ login: randomUsername(), password: input.password }), "UNAUTHORIZED");
    for (const login of [input.username, email]) {
      const refused = await expectTRPCError(newClient().call().auth.signIn({ login, password: input.password }), "UNAUTHORIZED");
      expect(refused.shape.data.appCode).toBe("INVALID_CREDENTIALS");
      expect(refused.error.message).toBe(unknown.error.message);
    }

    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(row).toMatchObject({ email: null, bio: "", avatarUrl: null, displayName: "" });
    expect(row.username).not.toBe(input.username);
    expect(row.passwordHash.startsWith("$argon2")).toBe(false);
    expect(await db.auditLog.count({ where: { actorId: user.id, action: "account.delete" } })).toBe(1);

    const again = await registerUser({ username: input.username, email });
    expect(again.user.id).not.toBe(user.id);
    expect(again.user.username).toBe(input.username);
    expect((await again.call().account.me()).email).toBe(email);
  });

  it("messages of a deleted account stay in their chat", async () => {
    const { user, input, call } = await registerUser();
    const chat = await db.chat.create({ data: { type: "GROUP", title: "t", lastSeq: 1, members: { create: { userId: user.id, role: "OWNER" } } } });
    await db.message.create({ data: { chatId: chat.id, seq: 1, senderId: user.id, content: "hello" } });
    await call().account.deleteAccount({ password: input.password });
    const message = await db.message.findFirstOrThrow({ where: { chatId: chat.id }, include: { sender: true } });
    expect(message.senderId).toBe(user.id);
    expect(message.sender?.deletedAt).toBeInstanceOf(Date);
  });

  it("can't be done twice from a stale access token", async () => {
    const { input, jar, call } = await registerUser(newRegisterInput());
    const stolen = jar.clone();
    await call().account.deleteAccount({ password: input.password });
    await expectTRPCError(newClient({ jar: stolen }).call().account.deleteAccount({ password: input.password }), "UNAUTHORIZED");
  });
});
