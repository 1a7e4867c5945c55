// The CSRF guard in front of /api/trpc (request-guard.ts), over HTTP through the route handler:
// a victim's cookies on a request from another origin, or on a body that is not JSON, change nothing.
import { describe, expect, it } from "vitest";
import { GET, POST } from "~/app/api/trpc/[trpc]/route";
import { newRegisterInput, randomIp, registerUser } from "../../../test/trpc";

const APP = "http://localhost:3000";
const BASE = `${APP}/api/trpc`;

interface TrpcError {
  error: { json: { message: string; code: number; data: { code: string; httpStatus: number; appCode: string } } };
}

/** A signed-in victim: the Cookie header their browser would send. */
async function victimCookies(): Promise<string> {
  const { input } = await registerUser(newRegisterInput());
  const response = await POST(
    new Request(`${BASE}/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP, "x-forwarded-for": randomIp() },
      body: JSON.stringify({ json: { login: input.username, password: input.password } }),
    }),
  );
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

function signOut(cookie: string, headers: Record<string, string>, body: BodyInit | null = "{}") {
  return POST(new Request(`${BASE}/auth.signOut`, { method: "POST", headers: { cookie, ...headers }, body }));
}

async function stillSignedIn(cookie: string): Promise<boolean> {
  const me = await GET(new Request(`${BASE}/account.me`, { headers: { cookie } }));
  return me.status === 200;
}

async function expectRefused(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/application\/json/);
  const body = (await response.json()) as TrpcError;
  expect(body.error.json.data).toMatchObject({ code, httpStatus: status });
  expect(body.error.json.message).toMatch(/origin|application\/json/i);
}

const JSON_TYPE = { "content-type": "application/json" };

describe("request guard: Origin", () => {
  it("refuses a mutation from a foreign Origin with 403, and the session survives", async () => {
    const cookie = await victimCookies();
    await expectRefused(await signOut(cookie, { ...JSON_TYPE, origin: "http://evil.example" }), 403, "FORBIDDEN");
    expect(await stillSignedIn(cookie)).toBe(true);
  });

  it.each([
    ["Origin: null (sandboxed frame, data: URL)", { origin: "null" }],
    ["Origin on another port", { origin: "http://localhost:3001" }],
    ["another port of a loopback alias", { origin: "http://127.0.0.1:3001" }],
    ["Origin with another scheme", { origin: "https://localhost:3000" }],
    ["no Origin, Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["no Origin, Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site" }],
    ["no Origin, a foreign Referer", { referer: "http://evil.example/page" }],
  ])("refuses %s", async (_, headers) => {
    const cookie = await victimCookies();
    await expectRefused(await signOut(cookie, { ...JSON_TYPE, ...headers }), 403, "FORBIDDEN");
    expect(await stillSignedIn(cookie)).toBe(true);
  });

  it("answers a refused batch with one tRPC error per call", async () => {
    const response = await POST(
      new Request(`${BASE}/auth.signOut,realtime.token?batch=1`, { method: "POST", headers: { ...JSON_TYPE, origin: "http://evil.example" }, body: "{}" }),
    );
    expect(response.status).toBe(403);
    const body = (await response.json()) as TrpcError[];
    expect(body).toHaveLength(2);
    expect(body.map((item) => item.error.json.data.code)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
  });

  it.each([
    ["the app's Origin", { origin: APP }],
    ["the app opened at 127.0.0.1 instead of localhost", { origin: "http://127.0.0.1:3000" }],
    ["no Origin, Sec-Fetch-Site: same-origin", { "sec-fetch-site": "same-origin" }],
    ["no Origin, the app's Referer", { referer: `${APP}/profile` }],
    ["no browser headers at all (a script: no victim's cookies)", {}],
  ])("accepts a mutation with %s", async (_, headers) => {
    const cookie = await victimCookies();
    const response = await signOut(cookie, { ...JSON_TYPE, ...headers });
    expect(response.status).toBe(200);
    expect(await stillSignedIn(cookie)).toBe(false);
  });
});

describe("request guard: Content-Type", () => {
  const form = new FormData();
  form.set("0", "x");
  it.each([
    ["a form-encoded body", { "content-type": "application/x-www-form-urlencoded" }, "a=1"],
    ["a multipart body", {}, form],
    ["a text/plain body", { "content-type": "text/plain" }, "{}"],
    ["an octet-stream body", { "content-type": "application/octet-stream" }, new Uint8Array([1, 2, 3])],
    ["a body-less POST with no content type", {}, null],
  ] as const)("refuses %s from the app's own origin with 415", async (_, headers, body) => {
    const cookie = await victimCookies();
    const response = await signOut(cookie, { origin: APP, ...headers }, body as BodyInit | null);
    await expectRefused(response, 415, "UNSUPPORTED_MEDIA_TYPE");
    expect(await stillSignedIn(cookie)).toBe(true);
  });

  it("accepts application/json with parameters", async () => {
    const cookie = await victimCookies();
    expect((await signOut(cookie, { origin: APP, "content-type": "Application/JSON; charset=utf-8" })).status).toBe(200);
  });
});

describe("request guard: GET", () => {
  it("leaves queries alone (a read answers only the app's own pages: CORS keeps it from others)", async () => {
    const cookie = await victimCookies();
    const me = await GET(new Request(`${BASE}/account.me`, { headers: { cookie, "sec-fetch-site": "same-origin" } }));
    expect(me.status).toBe(200);
  });
});
