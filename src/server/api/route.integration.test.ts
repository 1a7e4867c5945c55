// The tRPC HTTP endpoint (src/app/api/trpc/[trpc]/route.ts) called as Next would call it, without
// starting Next: body-size limit, JSON errors, and cookies over real headers.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { TRPC_MAX_BATCH_SIZE } from "~/shared/api-limits";
import { GET, POST } from "~/app/api/trpc/[trpc]/route";
import { newRegisterInput, randomIp, registerUser } from "../../../test/trpc";

const BASE = "http://localhost:3000/api/trpc";

function post(path: string, body: string, headers: Record<string, string> = {}) {
  return POST(new Request(`${BASE}/${path}`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": randomIp(), ...headers }, body }));
}

interface ErrorBody {
  error: { json: { message: string; code: number; data: { code: string; httpStatus: number; fieldErrors?: Record<string, string[]> | null; appCode?: string | null } } };
}

async function errorOf(response: Response) {
  expect(response.headers.get("content-type")).toMatch(/application\/json/);
  const body = (await response.json()) as ErrorBody;
  expect(body.error.json.message).toBeTypeOf("string");
  expect(body.error.json.message).not.toMatch(/^\s*[[{]/);
  return body.error.json;
}

describe("POST /api/trpc", () => {
  it("refuses a body over 2 MB with 413 and a tRPC-shaped JSON error", async () => {
    const size = 3 * 1024 * 1024;
    const response = await post("auth.signIn", JSON.stringify({ json: { login: "x".repeat(size), password: "x" } }), { "content-length": String(size + 40) });
    expect(response.status).toBe(413);
    const error = await errorOf(response);
    expect(error.data).toMatchObject({ code: "PAYLOAD_TOO_LARGE", httpStatus: 413 });
    expect(error.message).toBe("Request body is too large");
  });

  it("refuses an over-large chunked body (no content-length to trust) with 413", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 64) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const request = new Request(`${BASE}/auth.signIn`, { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit);
    expect(request.headers.get("content-length")).toBeNull();
    const response = await POST(request);
    expect(response.status).toBe(413);
    // It stopped reading soon after the cap instead of buffering all 4 MB.
    expect(sent).toBeLessThan(64);
  });

  it("answers a batched over-large call with one error per call", async () => {
    const response = await POST(
      new Request(`${BASE}/auth.signIn,auth.register?batch=1`, { method: "POST", headers: { "content-type": "application/json", "content-length": String(3 * 1024 * 1024) }, body: "{}" }),
    );
    expect(response.status).toBe(413);
    const body = (await response.json()) as ErrorBody[];
    expect(body).toHaveLength(2);
    expect(body[0]!.error.json.data.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("answers a mistyped body with 400 and field errors as JSON", async () => {
    const response = await post("auth.signIn", JSON.stringify({ json: { login: 42, password: ["x"] } }));
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.data.code).toBe("BAD_REQUEST");
    expect(error.data.httpStatus).toBe(400);
    expect(Object.keys(error.data.fieldErrors ?? {}).sort()).toEqual(["login", "password"]);
  });

  it("answers a body that is not JSON with 400 as JSON", async () => {
    const response = await post("auth.signIn", "{not json");
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.data.httpStatus).toBe(400);
  });

  it("answers an unknown procedure with 404 as JSON", async () => {
    const response = await post("auth.nope", JSON.stringify({ json: {} }));
    expect(response.status).toBe(404);
    await errorOf(response);
  });

  it("signs in over HTTP: Set-Cookie headers, then the cookies authenticate a GET", async () => {
    const { input, user } = await registerUser(newRegisterInput());
    const response = await post("auth.signIn", JSON.stringify({ json: { login: input.username, password: input.password } }));
    expect(response.status).toBe(200);
    const cookies = response.headers.getSetCookie();
    const access = cookies.find((cookie) => cookie.startsWith("bm_at="));
    const refresh = cookies.find((cookie) => cookie.startsWith("bm_rt="));
    expect(access).toMatch(/; HttpOnly/);
    expect(access).toMatch(/; SameSite=Lax/);
    expect(refresh).toMatch(/; HttpOnly/);
    const cookieHeader = [access, refresh].map((cookie) => cookie!.split(";")[0]).join("; ");

    const me = await GET(new Request(`${BASE}/account.me`, { headers: { cookie: cookieHeader } }));
    expect(me.status).toBe(200);
    const body = (await me.json()) as { result: { data: { json: { id: string; username: string } } } };
    expect(body.result.data.json).toMatchObject({ id: user.id, username: input.username });
  });

  it("answers with the request id its log lines carry: the proxy's X-Request-ID, else a fresh one", async () => {
    const given = await GET(new Request(`${BASE}/account.me`, { headers: { "x-request-id": "proxy-id-1" } }));
    expect(given.headers.get("x-request-id")).toBe("proxy-id-1");
    const [a, b] = await Promise.all([GET(new Request(`${BASE}/account.me`)), GET(new Request(`${BASE}/account.me`))]);
    expect(a.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
  });

  it("a GET without cookies is 401 as JSON", async () => {
    const response = await GET(new Request(`${BASE}/account.me`));
    expect(response.status).toBe(401);
    const error = await errorOf(response);
    expect(error.data.appCode).toBe("UNAUTHENTICATED");
  });

  it(`refuses a batch of more than ${TRPC_MAX_BATCH_SIZE} calls with 400 before running any, and runs one of ${TRPC_MAX_BATCH_SIZE}`, async () => {
    const alice = await registerUser();
    const { user: bob } = await registerUser();
    const { chatId } = await alice.call().chat.openDirect({ userId: bob.id });
    const batch = (calls: number) => {
      const body = Object.fromEntries(Array.from({ length: calls }, (_, index) => [index, { json: { chatId, clientId: randomUUID(), content: `m${index}` } }]));
      return post(`${Array(calls).fill("message.send").join(",")}?batch=1`, JSON.stringify(body), { cookie: cookieOf(alice.jar.snapshot()) });
    };

    const tooMany = await batch(TRPC_MAX_BATCH_SIZE + 1);
    expect(tooMany.status).toBe(400);
    expect(tooMany.headers.get("content-type")).toMatch(/application\/json/);
    const errors = (await tooMany.json()) as ErrorBody[];
    expect(errors).toHaveLength(TRPC_MAX_BATCH_SIZE + 1);
    expect(errors[0]!.error.json.data).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400 });
    expect(errors[0]!.error.json.message).toBe(`At most ${TRPC_MAX_BATCH_SIZE} calls per batch`);
    expect(await db.message.count({ where: { chatId } })).toBe(0);

    const allowed = await batch(TRPC_MAX_BATCH_SIZE);
    expect(allowed.status).toBe(200);
    expect(await db.message.count({ where: { chatId } })).toBe(TRPC_MAX_BATCH_SIZE);
  });
});

function cookieOf(cookies: Record<string, string>): string {
  return Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join("; ");
}
