// Calling the app router like a browser would: a cookie jar that keeps what Set-Cookie would, a
// fake client IP, and a fresh context (session resolved from the cookies) for every call.
import { randomBytes, randomInt } from "node:crypto";
import { getErrorShape, TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { appRouter, createCaller } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/trpc";
import type { CookieJar, CookieOptions } from "~/server/auth/cookies";
import type { TRegisterInput } from "~/shared/schemas/user";

export interface CookieWrite {
  name: string;
  value: string;
  options: CookieOptions;
}

/** Holds cookies the way a browser does: a write with maxAge 0 (or less) deletes the cookie. */
export class TestCookieJar implements CookieJar {
  private readonly values = new Map<string, string>();
  /** Every Set-Cookie write, in order. */
  readonly writes: CookieWrite[] = [];

  constructor(initial: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(initial)) this.values.set(name, value);
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  set(name: string, value: string, options: CookieOptions): void {
    this.writes.push({ name, value, options });
    if (options.maxAge <= 0) this.values.delete(name);
    else this.values.set(name, value);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** The current cookies, e.g. to replay them later from a "stolen" copy. */
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.values);
  }

  /** A second browser holding a copy of these cookies. */
  clone(): TestCookieJar {
    return new TestCookieJar(this.snapshot());
  }

  /** Writes made after `since` (an index into `writes`). */
  writesSince(since: number): CookieWrite[] {
    return this.writes.slice(since);
  }
}

/** A random IPv4 address in 10/8, so Redis-held rate limits never leak between tests or runs. */
export function randomIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export function randomSuffix(length = 10): string {
  return randomBytes(16).toString("hex").slice(0, length);
}

export function randomUsername(): string {
  return `u_${randomSuffix(12)}`;
}

export interface CallerOptions {
  ip?: string;
  userAgent?: string;
}

export type Caller = ReturnType<typeof createCaller>;

/**
 * A caller whose every call builds a fresh context from `jar` (like one HTTP request each):
 * the session is resolved per call, so sign-in/out and cookie renewals take effect at once.
 */
export function callerFor(jar: CookieJar, { ip = randomIp(), userAgent = "vitest" }: CallerOptions = {}): Caller {
  const headers = new Headers({ "x-forwarded-for": ip, "user-agent": userAgent });
  return createCaller(() => createTRPCContext({ headers, cookies: jar }));
}

/** A client: one browser (cookie jar) at one address. */
export interface Client {
  jar: TestCookieJar;
  ip: string;
  /** A caller reading the jar's current cookies. */
  call: () => Caller;
}

export function newClient(options: { ip?: string; jar?: TestCookieJar; userAgent?: string } = {}): Client {
  const jar = options.jar ?? new TestCookieJar();
  const ip = options.ip ?? randomIp();
  return { jar, ip, call: () => callerFor(jar, { ip, userAgent: options.userAgent }) };
}

export function newRegisterInput(overrides: Partial<TRegisterInput> = {}) {
  return {
    username: randomUsername(),
    password: `Pw-${randomSuffix(12)}`,
    displayName: `Test ${randomSuffix(4)}`,
    ...overrides,
  } satisfies TRegisterInput;
}

/** Registers a fresh user (random username, password, display name) from a fresh client. */
export async function registerUser(overrides: Partial<TRegisterInput> = {}, options: { ip?: string } = {}) {
  const input = newRegisterInput(overrides);
  const client = newClient({ ip: options.ip });
  const user = await client.call().auth.register(input);
  return { ...client, user, input };
}

/** Alice and Bob, freshly registered, with the direct chat Alice opened to Bob. */
export async function directChatPair() {
  const [alice, bob] = await Promise.all([registerUser(), registerUser()]);
  const { chatId } = await alice.call().chat.openDirect({ userId: bob.user.id });
  return { alice, bob, chatId };
}

/** What an HTTP client would receive for `error`: the app's errorFormatter applied. */
export function errorShape(error: TRPCError, path?: string) {
  return getErrorShape({ config: appRouter._def._config, error, type: "unknown", path, input: undefined, ctx: undefined });
}

/** Awaits a call that must fail with a TRPCError; returns the error and its client-facing shape. */
export async function expectTRPCError(promise: Promise<unknown>, code?: TRPCError["code"]) {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, "expected the call to fail").toBeInstanceOf(TRPCError);
  const error = caught as TRPCError;
  if (code) expect(error.code, error.message).toBe(code);
  return { error, shape: errorShape(error) };
}
