import { inspect } from "node:util";
// Every procedure of the app router, fed missing, mistyped, oversized and oddly shaped input:
// always a 4xx with a readable message, never a 500, and nothing already stored is lost.
import { createECDH, randomBytes, randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "~/server/api/root";
import { db } from "~/server/db";
import { TEXT_INVALID_MESSAGE } from "~/shared/schemas/text";
import { newClient, newRegisterInput, randomUsername, registerUser, errorShape, type Caller } from "../../../test/trpc";

/** A device's Web Push keys: an uncompressed P-256 public key and a 16-byte secret, base64url. */
function pushKeys() {
  return { p256dh: createECDH("prime256v1").generateKeys().toString("base64url"), auth: randomBytes(16).toString("base64url") };
}

const MB = "a".repeat(1024 * 1024);
const MB_UNICODE = "я".repeat(512 * 1024);

type Kind = "text" | "enum" | "id" | "ids" | "int";

interface FieldSpec {
  kind: Kind;
  optional?: boolean;
  nullable?: boolean;
}

interface Row {
  protected: boolean;
  /** The input object's fields; null when the procedure takes no input. */
  fields: Record<string, FieldSpec> | null;
  /** A schema-valid input whose call harms nothing (a wrong password, an unknown chat...). */
  valid?: () => Record<string, unknown>;
  /** Cases the field table can't express (e.g. the other branch of a union). */
  extraCases?: Case[];
}

const text: FieldSpec = { kind: "text" };
const optionalText: FieldSpec = { kind: "text", optional: true };
const id: FieldSpec = { kind: "id" };
const int: FieldSpec = { kind: "int" };
const optionalInt: FieldSpec = { kind: "int", optional: true };
const optionalEnum: FieldSpec = { kind: "enum", optional: true };

interface Case {
  label: string;
  input: unknown;
  /** "reject": must fail with a 4xx. "either": may succeed, or fail with a 4xx (never a 500). */
  expect: "reject" | "either";
}

const NOT_A_STRING: Array<[string, unknown]> = [
  ["number", 42],
  ["zero", 0],
  ["NaN", Number.NaN],
  ["true", true],
  ["false", false],
  ["empty array", []],
  ["array of strings", ["x", "y"]],
  ["array of 1 MB", [MB]],
  ["empty object", {}],
  ["object", { value: "x" }],
  ["operator object", { $gt: "" }],
  ["Date", new Date()],
  ["bigint", 10n],
  ["1 MB", MB],
  ["1 MB unicode", MB_UNICODE],
];

/** Strings PostgreSQL cannot store as sent: every text field refuses them with BAD_REQUEST. */
const BROKEN_TEXT: Array<[string, string]> = [
  ["NUL byte", "valid\0text"],
  ["lone high surrogate", "valid\uD83Dtext"],
  ["lone low surrogate", "valid\uDE00text"],
];

/** Values each kind of field must refuse (null is added unless the field is nullable). */
const INVALID: Record<Kind, Array<[string, unknown]>> = {
  text: [...NOT_A_STRING, ...BROKEN_TEXT],
  enum: [...NOT_A_STRING, ["unknown option", "OWNER_OF_EVERYTHING"], ["empty string", ""]],
  id: [...NOT_A_STRING, ["not a uuid", "not-a-uuid"], ["sql", "1' OR '1'='1"], ["empty string", ""]],
  ids: [
    ["string", "x"],
    ["number", 42],
    ["object", { 0: randomUUID() }],
    ["array of numbers", [42]],
    ["array with null", [null]],
    ["array of non-ids", ["not-a-uuid"]],
    ["array of 1 MB", [MB]],
    ["1 MB", MB],
    ["10,000 ids", Array.from({ length: 10_000 }, () => randomUUID())],
  ],
  int: [
    ["numeric string", "1"],
    ["1 MB", MB],
    ["negative", -1],
    ["fraction", 1.5],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["over int4", 2 ** 31],
    ["huge", 1e300],
    ["true", true],
    ["array", [1]],
    ["object", { valueOf: 1 }],
    ["bigint", 10n],
  ],
};

const WEIRD_WHOLE_INPUTS: Array<[string, unknown]> = [
  ["null", null],
  ["number", 42],
  ["string", "text"],
  ["1 MB string", MB],
  ["true", true],
  ["empty array", []],
  ["array", [{ a: 1 }]],
  ["Date", new Date()],
  ["Map", new Map([["a", 1]])],
  ["function", () => "x"],
];

/** One row per procedure: a new procedure without a row fails "the table covers every procedure". */
const ROWS: Record<string, Row> = {
  "auth.register": {
    protected: false,
    fields: { username: text, email: optionalText, password: text, displayName: text, locale: { kind: "enum", optional: true } },
    valid: () => newRegisterInput(),
  },
  "auth.signIn": {
    protected: false,
    fields: { login: text, password: text },
    valid: () => ({ login: randomUsername(), password: "not-the-password" }),
  },
  "auth.signOut": { protected: false, fields: null },
  "account.me": { protected: true, fields: null },
  "people.byUsername": { protected: true, fields: { username: text }, valid: () => ({ username: randomUsername() }) },
  "account.updateProfile": {
    protected: true,
    fields: { displayName: optionalText, username: optionalText, bio: optionalText, avatarUrl: { kind: "text", optional: true, nullable: true } },
    valid: () => ({}),
  },
  "account.setAvatar": { protected: true, fields: { attachmentId: { kind: "id", nullable: true } }, valid: () => ({ attachmentId: null }) },
  "account.setLocale": { protected: true, fields: { locale: { kind: "enum" } }, valid: () => ({ locale: "ru" }) },
  "account.changePassword": {
    protected: true,
    fields: { currentPassword: text, newPassword: text },
    valid: () => ({ currentPassword: "not-the-password", newPassword: "Another-Str0ng-pw" }),
  },
  "account.deleteAccount": { protected: true, fields: { password: text }, valid: () => ({ password: "not-the-password" }) },
  "realtime.token": { protected: true, fields: null },
  "chat.list": { protected: true, fields: null },
  "chat.get": { protected: true, fields: { chatId: id }, valid: () => ({ chatId: randomUUID() }) },
  "chat.openDirect": { protected: true, fields: { userId: id }, valid: () => ({ userId: randomUUID() }) },
  "chat.createGroup": {
    protected: true,
    fields: { title: text, memberIds: { kind: "ids", optional: true } },
    valid: () => ({ title: "Bad input group", memberIds: [randomUUID()] }),
  },
  "chat.rename": { protected: true, fields: { chatId: id, title: text }, valid: () => ({ chatId: randomUUID(), title: "New title" }) },
  "chat.setAvatar": { protected: true, fields: { chatId: id, attachmentId: { kind: "id", nullable: true } }, valid: () => ({ chatId: randomUUID(), attachmentId: null }) },
  "chat.leave": { protected: true, fields: { chatId: id }, valid: () => ({ chatId: randomUUID() }) },
  "chat.mute": { protected: true, fields: { chatId: id, duration: { kind: "enum", nullable: true } }, valid: () => ({ chatId: randomUUID(), duration: "1h" }) },
  "chat.member.add": { protected: true, fields: { chatId: id, userIds: { kind: "ids" } }, valid: () => ({ chatId: randomUUID(), userIds: [randomUUID()] }) },
  "chat.member.remove": { protected: true, fields: { chatId: id, userId: id }, valid: () => ({ chatId: randomUUID(), userId: randomUUID() }) },
  "chat.member.setRole": {
    protected: true,
    fields: { chatId: id, userId: id, role: { kind: "enum" } },
    valid: () => ({ chatId: randomUUID(), userId: randomUUID(), role: "MEMBER" }),
  },
  "message.send": {
    protected: true,
    fields: { chatId: id, clientId: id, content: text, replyToId: { kind: "id", optional: true }, attachmentIds: { kind: "ids", optional: true } },
    valid: () => ({ chatId: randomUUID(), clientId: randomUUID(), content: "hello" }),
  },
  "message.sendBatch": {
    protected: true,
    fields: { messages: { kind: "ids" } },
    valid: () => ({ messages: [{ chatId: randomUUID(), clientId: randomUUID(), content: "hello" }] }),
    extraCases: [
      { label: "messages: empty", input: { messages: [] }, expect: "reject" },
      { label: "messages: 51", input: { messages: Array.from({ length: 51 }, () => ({ chatId: randomUUID(), clientId: randomUUID(), content: "x" })) }, expect: "reject" },
      { label: "messages: item without content", input: { messages: [{ chatId: randomUUID(), clientId: randomUUID() }] }, expect: "reject" },
      { label: "messages: item with 1 MB content", input: { messages: [{ chatId: randomUUID(), clientId: randomUUID(), content: "x".repeat(1 << 20) }] }, expect: "reject" },
      { label: "messages: item with a bad id", input: { messages: [{ chatId: "nope", clientId: randomUUID(), content: "x" }] }, expect: "reject" },
    ],
  },
  "attachment.createUpload": {
    protected: true,
    // size is 64-bit: its own cases below (the int kind's "over int4" is a valid size).
    fields: { chatId: id, clientId: id, fileName: text, contentType: optionalText, purpose: optionalEnum },
    valid: () => ({ chatId: randomUUID(), clientId: randomUUID(), fileName: "photo.jpg", size: 1000 }),
    extraCases: [
      ...(["1000", -1, 1.5, Number.NaN, 2 ** 53, 1e300, null, true, [1]] as unknown[]).map((size) => ({
        label: `size: ${inspect(size)}`,
        input: { chatId: randomUUID(), clientId: randomUUID(), fileName: "photo.jpg", size },
        expect: "reject" as const,
      })),
      { label: "missing size", input: { chatId: randomUUID(), clientId: randomUUID(), fileName: "photo.jpg" }, expect: "reject" },
    ],
  },
  "attachment.uploadPart": { protected: true, fields: { attachmentId: id, partNumber: int }, valid: () => ({ attachmentId: randomUUID(), partNumber: 1 }) },
  "attachment.complete": {
    protected: true,
    // waveform is an array of numbers: its own cases below.
    fields: { attachmentId: id, parts: { kind: "ids", optional: true }, durationMs: optionalInt },
    valid: () => ({ attachmentId: randomUUID() }),
    extraCases: [
      ...(["x", [256], [-1], [1.5], ["1"], [null], Array.from({ length: 257 }, () => 1), Array.from({ length: 10_000 }, () => "x")] as unknown[]).map((waveform) => ({
        label: `waveform: ${inspect(waveform, { maxArrayLength: 3 })}`,
        input: { attachmentId: randomUUID(), waveform },
        expect: "reject" as const,
      })),
      { label: "parts: a bad ETag", input: { attachmentId: randomUUID(), parts: [{ partNumber: 1, etag: "a\0b" }] }, expect: "reject" },
    ],
  },
  "attachment.abort": { protected: true, fields: { attachmentId: id }, valid: () => ({ attachmentId: randomUUID() }) },
  "attachment.downloadUrl": { protected: true, fields: { attachmentId: id, variant: optionalEnum }, valid: () => ({ attachmentId: randomUUID() }) },
  "attachment.list": {
    protected: true,
    fields: { chatId: id, filter: optionalEnum, cursor: { kind: "id", optional: true }, limit: optionalInt },
    valid: () => ({ chatId: randomUUID() }),
  },
  "attachment.usage": { protected: true, fields: null },
  "message.history": {
    protected: true,
    fields: { chatId: id, before: optionalInt, after: optionalInt, limit: optionalInt },
    valid: () => ({ chatId: randomUUID() }),
  },
  "message.markRead": { protected: true, fields: { chatId: id, seq: int }, valid: () => ({ chatId: randomUUID(), seq: 1 }) },
  "message.changes": {
    protected: true,
    fields: { chatId: id, afterVersion: int, limit: optionalInt },
    valid: () => ({ chatId: randomUUID(), afterVersion: 0 }),
  },
  "message.edit": { protected: true, fields: { messageId: id, content: text }, valid: () => ({ messageId: randomUUID(), content: "hello" }) },
  "message.delete": { protected: true, fields: { messageId: id }, valid: () => ({ messageId: randomUUID() }) },
  "message.hide": { protected: true, fields: { messageId: id }, valid: () => ({ messageId: randomUUID() }) },
  "people.search": {
    protected: true,
    fields: { query: text, limit: optionalInt, offset: optionalInt },
    valid: () => ({ query: "no-one-is-called-this" }),
  },
  "people.profile": { protected: true, fields: { userId: id }, valid: () => ({ userId: randomUUID() }) },
  "people.block": { protected: true, fields: { userId: id }, valid: () => ({ userId: randomUUID() }) },
  "people.unblock": { protected: true, fields: { userId: id }, valid: () => ({ userId: randomUUID() }) },
  "people.blocked": { protected: true, fields: null },
  "account.updatePrivacy": {
    protected: true,
    fields: { lastSeenVisibility: optionalEnum, messagePolicy: optionalEnum, groupInvitePolicy: optionalEnum },
    extraCases: ([42, "yes", null, [true], MB] as unknown[]).map((pushPreview) => ({ label: `pushPreview: ${inspect(pushPreview)}`, input: { pushPreview }, expect: "reject" as const })),
    valid: () => ({}),
  },
  "push.publicKey": { protected: true, fields: null },
  "push.status": { protected: true, fields: null },
  "push.subscribe": {
    protected: true,
    // keys is an object: its own cases below.
    fields: { endpoint: text },
    valid: () => ({ endpoint: `https://push.example.invalid/${randomUUID()}`, keys: pushKeys() }),
    extraCases: [
      { label: "missing keys", input: { endpoint: "https://push.example.invalid/x" }, expect: "reject" },
      { label: "keys: a string", input: { endpoint: "https://push.example.invalid/x", keys: "x" }, expect: "reject" },
      { label: "keys: short p256dh", input: { endpoint: "https://push.example.invalid/x", keys: { ...pushKeys(), p256dh: "AAAA" } }, expect: "reject" },
      { label: "keys: 1 MB auth", input: { endpoint: "https://push.example.invalid/x", keys: { ...pushKeys(), auth: MB } }, expect: "reject" },
      { label: "endpoint: not a URL", input: { endpoint: "not a url", keys: pushKeys() }, expect: "reject" },
      { label: "endpoint: javascript:", input: { endpoint: "javascript:alert(1)", keys: pushKeys() }, expect: "reject" },
    ],
  },
  "push.unsubscribe": { protected: true, fields: { endpoint: text }, valid: () => ({ endpoint: "https://push.example.invalid/none" }) },
  "friend.list": { protected: true, fields: null },
  "friend.request": {
    protected: true,
    // A union: { userId } or { username }; the username branch is covered by extraCases.
    fields: { userId: id },
    valid: () => ({ userId: randomUUID() }),
    extraCases: [...INVALID.text, ["null", null] as const, ["NUL in a valid username", "alice\0"] as const, ["not a username", "no spaces allowed"] as const].map(([label, username]) => ({
      label: `username: ${label}`,
      input: { username },
      expect: "reject" as const,
    })),
  },
  "friend.accept": { protected: true, fields: { userId: id }, valid: () => ({ userId: randomUUID() }) },
  "friend.decline": { protected: true, fields: { userId: id }, valid: () => ({ userId: randomUUID() }) },
  "friend.cancel": { protected: true, fields: { userId: id }, valid: () => ({ userId: randomUUID() }) },
  "friend.remove": { protected: true, fields: { userId: id }, valid: () => ({ userId: randomUUID() }) },
};

function casesFor(row: Row): Case[] {
  if (!row.fields) {
    return [{ label: "no input", input: undefined, expect: "either" }, ...WEIRD_WHOLE_INPUTS.map(([label, input]) => ({ label: `input: ${label}`, input, expect: "either" as const }))];
  }
  const fields = Object.entries(row.fields);
  const valid = row.valid!;
  const required = fields.filter(([, spec]) => !spec.optional).map(([name]) => name);
  const cases: Case[] = [{ label: "missing input", input: undefined, expect: "reject" }];
  for (const [label, input] of WEIRD_WHOLE_INPUTS) {
    // A Date or Map is an object without own keys: an input whose fields are all optional may take it as {}.
    const objectLike = input instanceof Date || input instanceof Map;
    cases.push({ label: `input: ${label}`, input, expect: objectLike && !required.length ? "either" : "reject" });
  }
  cases.push({ label: "input: [valid]", input: [valid()], expect: "reject" });
  cases.push({ label: "{}", input: {}, expect: required.length ? "reject" : "either" });
  for (const name of required) {
    const input = valid();
    delete input[name];
    cases.push({ label: `missing ${name}`, input, expect: "reject" });
  }
  for (const [name, spec] of fields) {
    const values = spec.nullable ? INVALID[spec.kind] : [...INVALID[spec.kind], ["null", null] as [string, unknown]];
    for (const [label, value] of values) cases.push({ label: `${name}: ${label}`, input: { ...valid(), [name]: value }, expect: "reject" });
    cases.push({ label: `${name}: 1 MB, unknown extra keys`, input: { ...valid(), [name]: MB, extra: { deep: [1, { x: MB }] } }, expect: "reject" });
  }
  cases.push({ label: "every field 1 MB", input: Object.fromEntries(fields.map(([name]) => [name, MB])), expect: "reject" });
  cases.push({
    label: "valid plus unknown keys (stripped)",
    input: { ...valid(), role: "ADMIN", banned: false, passwordHash: "x", id: "00000000-0000-4000-8000-000000000000", extra: { deep: [MB] } },
    expect: "either",
  });
  cases.push(...(row.extraCases ?? []));
  return cases;
}

function procedureAt(caller: Caller, path: string): (input: unknown) => Promise<unknown> {
  const proc = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return proc as (input: unknown) => Promise<unknown>;
}

/** Runs the cases, returning a description of each one that broke the rules (empty when all is well). */
async function runCases(call: () => Caller, path: string, cases: Case[], rejectCode: TRPCError["code"]): Promise<string[]> {
  const problems: string[] = [];
  for (const testCase of cases) {
    let caught: unknown;
    try {
      await procedureAt(call(), path)(testCase.input);
    } catch (error) {
      caught = error;
    }
    const where = `${path} [${testCase.label}]`;
    if (caught === undefined) {
      if (testCase.expect === "reject") problems.push(`${where}: succeeded`);
      continue;
    }
    if (!(caught instanceof TRPCError)) {
      problems.push(`${where}: threw a non-tRPC error: ${inspect(caught).slice(0, 200)}`);
      continue;
    }
    const shape = errorShape(caught, path);
    const status = shape.data.httpStatus;
    if (caught.code === "INTERNAL_SERVER_ERROR" || status < 400 || status >= 500) {
      problems.push(`${where}: ${caught.code} (${status}): ${caught.message.slice(0, 200)}`);
      continue;
    }
    if (testCase.expect === "reject" && caught.code !== rejectCode) problems.push(`${where}: ${caught.code}, expected ${rejectCode}`);
    for (const [which, message] of [["thrown", caught.message], ["client", shape.message]] as const) {
      if (!message || /^\s*[[{]/.test(message) || message.length > 2000) {
        problems.push(`${where}: unreadable ${which} message: ${JSON.stringify(message.slice(0, 120))} (${message.length} chars)`);
      }
    }
  }
  return problems;
}

const PROCEDURES = Object.keys(appRouter._def.procedures).sort();
const STABLE_FIELDS = [
  "username",
  "email",
  "passwordHash",
  "displayName",
  "bio",
  "avatarUrl",
  "role",
  "banned",
  "locale",
  "lastSeenVisibility",
  "messagePolicy",
  "groupInvitePolicy",
  "deletedAt",
] as const;

async function storedProfile(userId: string) {
  const row = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return Object.fromEntries(STABLE_FIELDS.map((field) => [field, row[field]]));
}

it("the table covers every procedure of the app router, and only those", () => {
  expect(PROCEDURES.length).toBeGreaterThan(0);
  expect(Object.keys(ROWS).sort()).toEqual(PROCEDURES);
});

describe.each(PROCEDURES)("%s", (path) => {
  const row = ROWS[path];

  it("has a row in the table", () => {
    expect(row, `add "${path}" to ROWS`).toBeDefined();
  });
  if (!row) return;

  it(row.protected ? "signed out: any input is UNAUTHORIZED (never a 500)" : "bad input is BAD_REQUEST (never a 500)", async () => {
    const client = newClient();
    const cases = casesFor(row).map((c) => (row.protected ? { ...c, expect: "reject" as const } : c));
    const problems = await runCases(client.call, path, cases, row.protected ? "UNAUTHORIZED" : "BAD_REQUEST");
    expect(problems).toEqual([]);
  });

  if (row.protected) {
    it("signed out: a valid call is UNAUTHORIZED", async () => {
      let caught: unknown;
      await procedureAt(newClient().call(), path)(row.valid?.()).catch((error: unknown) => {
        caught = error;
      });
      expect(caught).toBeInstanceOf(TRPCError);
      expect((caught as TRPCError).code).toBe("UNAUTHORIZED");
      expect(errorShape(caught as TRPCError).data.appCode).toBe("UNAUTHENTICATED");
    });
  }

  if (row.protected || path === "auth.signOut") {
    it("signed in: bad input is BAD_REQUEST (never a 500) and changes nothing stored", async () => {
      const { user, call } = await registerUser();
      const before = await storedProfile(user.id);
      const sessionsBefore = await db.session.count({ where: { userId: user.id } });
      const problems = await runCases(call, path, casesFor(row), "BAD_REQUEST");
      expect(problems).toEqual([]);
      expect(await storedProfile(user.id)).toEqual(before);
      if (path !== "auth.signOut") {
        expect(await db.session.count({ where: { userId: user.id } })).toBe(sessionsBefore);
        expect((await call().account.me()).id).toBe(user.id);
      }
    });
  }
});

describe("nothing already stored is lost", () => {
  let client: Awaited<ReturnType<typeof registerUser>>;
  beforeAll(async () => {
    client = await registerUser();
    await client.call().account.updateProfile({ displayName: "Keeper", bio: "my original bio", avatarUrl: "https://x.example/me.png" });
  });

  it("a rejected updateProfile with a 1 MB bio leaves the stored profile unchanged", async () => {
    const before = await db.user.findUniqueOrThrow({ where: { id: client.user.id } });
    const caught = await client.call().account.updateProfile({ displayName: "Changed", bio: MB }).catch((error: unknown) => error);
    expect(caught).toBeInstanceOf(TRPCError);
    expect((caught as TRPCError).code).toBe("BAD_REQUEST");
    expect(errorShape(caught as TRPCError).data.fieldErrors?.bio).toBeDefined();
    const after = await db.user.findUniqueOrThrow({ where: { id: client.user.id } });
    expect(after).toEqual(before);
    expect(after).toMatchObject({ displayName: "Keeper", bio: "my original bio", avatarUrl: "https://x.example/me.png" });
  });

  it("unknown keys never reach the database (no mass assignment)", async () => {
    const me = await procedureAt(client.call(), "account.updateProfile")({ bio: "new bio", role: "ADMIN", banned: true, deletedAt: new Date(), passwordHash: "x" });
    expect(me).toMatchObject({ bio: "new bio", role: "USER" });
    const row = await db.user.findUniqueOrThrow({ where: { id: client.user.id } });
    expect(row).toMatchObject({ role: "USER", banned: false, deletedAt: null });
    expect(row.passwordHash.startsWith("$argon2id$")).toBe(true);

    const registered = await procedureAt(newClient().call(), "auth.register")({ ...newRegisterInput(), role: "ADMIN", banned: true, emailVerifiedAt: new Date() });
    const created = await db.user.findUniqueOrThrow({ where: { id: (registered as { id: string }).id } });
    expect(created).toMatchObject({ role: "USER", banned: false, emailVerifiedAt: null });
  });
});

describe("NUL bytes and lone surrogates: refused by the shared text rule, nothing stored", () => {
  /** A valid value with the broken character inside it, so only the shared rule can refuse it. */
  const broken = (value: string) => BROKEN_TEXT.map(([label, bad]) => [label, `${value.slice(0, 3)}${bad.slice(5, -4)}${value.slice(3)}`] as const);

  const UNION_FIELDS = new Set(["email", "avatarUrl"]);

  async function expectRefused(call: Promise<unknown>, field: string) {
    const caught = await call.catch((error: unknown) => error);
    expect(caught).toBeInstanceOf(TRPCError);
    expect((caught as TRPCError).code).toBe("BAD_REQUEST");
    const messages = errorShape(caught as TRPCError).data.fieldErrors?.[field];
    // A union field (email, avatarUrl: "" or a value) reports zod's union message instead.
    if (UNION_FIELDS.has(field)) expect(messages?.length).toBeGreaterThan(0);
    else expect(messages).toContain(TEXT_INVALID_MESSAGE);
  }

  it("auth.register: every field; no account is created", async () => {
    const usersBefore = await db.user.count();
    const base = newRegisterInput({ email: `nul_${randomUUID().slice(0, 8)}@example.com` });
    for (const field of ["username", "email", "password", "displayName"] as const) {
      for (const [, value] of broken(base[field]!)) await expectRefused(newClient().call().auth.register({ ...base, [field]: value }), field);
    }
    expect(await db.user.count()).toBe(usersBefore);
    expect(await db.user.count({ where: { username: base.username } })).toBe(0);
  });

  it("auth.signIn: login and password, for a known and an unknown account", async () => {
    const { input } = await registerUser();
    for (const login of [input.username, randomUsername()]) {
      for (const [, value] of broken(login)) await expectRefused(newClient().call().auth.signIn({ login: value, password: input.password }), "login");
      for (const [, value] of broken(input.password)) await expectRefused(newClient().call().auth.signIn({ login, password: value }), "password");
    }
  });

  it("profile, password, deletion, search and lookups: refused, the account unchanged", async () => {
    const { user, input, call } = await registerUser();
    const before = await storedProfile(user.id);
    const fields = { displayName: "New name", username: randomUsername(), bio: "A new bio", avatarUrl: "https://x.example/me.png" };
    for (const [field, good] of Object.entries(fields)) {
      for (const [, value] of broken(good)) await expectRefused(call().account.updateProfile({ [field]: value }), field);
    }
    for (const [, value] of broken("Another-Str0ng-pw")) {
      await expectRefused(call().account.changePassword({ currentPassword: input.password, newPassword: value }), "newPassword");
      await expectRefused(call().account.changePassword({ currentPassword: value, newPassword: "Another-Str0ng-pw" }), "currentPassword");
      await expectRefused(call().account.deleteAccount({ password: value }), "password");
    }
    for (const [, value] of broken("search text")) await expectRefused(call().people.search({ query: value }), "query");
    for (const [, value] of broken(input.username)) await expectRefused(call().people.byUsername({ username: value }), "username");
    for (const [, value] of broken(input.username)) {
      const caught = await call().friend.request({ username: value }).catch((error: unknown) => error);
      expect((caught as TRPCError).code).toBe("BAD_REQUEST");
    }
    expect(await storedProfile(user.id)).toEqual(before);
    expect((await call().account.me()).id).toBe(user.id);
  });

  it("chat.createGroup, chat.rename, message.send: refused; no chat, title or message is stored", async () => {
    const owner = await registerUser();
    const other = await registerUser();
    const group = await owner.call().chat.createGroup({ title: "Original", memberIds: [other.user.id] });
    const chatsBefore = await db.chat.count();
    const messagesBefore = await db.message.count({ where: { chatId: group.chatId } });
    for (const [, value] of broken("A new group")) await expectRefused(owner.call().chat.createGroup({ title: value, memberIds: [other.user.id] }), "title");
    for (const [, value] of broken("New title")) await expectRefused(owner.call().chat.rename({ chatId: group.chatId, title: value }), "title");
    for (const [, value] of broken("hello there")) {
      await expectRefused(owner.call().message.send({ chatId: group.chatId, clientId: randomUUID(), content: value }), "content");
    }
    expect(await db.chat.count()).toBe(chatsBefore);
    expect(await db.chat.findUniqueOrThrow({ where: { id: group.chatId } })).toMatchObject({ title: "Original" });
    expect(await db.message.count({ where: { chatId: group.chatId } })).toBe(messagesBefore);
  });
});
