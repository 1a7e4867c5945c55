// What the app logs while people register, sign in (also with a wrong password), read and send
// messages over the real tRPC HTTP endpoint, at the most verbose level: one line per call with
// its request id, and none of the passwords, cookies, tokens or message text used.
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { GET, POST } from "~/app/api/trpc/[trpc]/route";
import { newRegisterInput, randomIp, registerUser } from "../../../test/trpc";
import { createLogger } from "./logger";

const lines: string[] = [];
const shared = globalThis as unknown as { bmLogger?: ReturnType<typeof createLogger> };
const previous = shared.bmLogger;
shared.bmLogger = createLogger(
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  }),
  "trace",
);
afterAll(() => {
  shared.bmLogger = previous;
});

const BASE = "http://localhost:3000/api/trpc";
const ip = randomIp();

function post(path: string, json: unknown, cookie = "") {
  return POST(new Request(`${BASE}/${path}`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": ip, cookie }, body: JSON.stringify({ json }) }));
}

const cookieHeader = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");

describe("logs of real requests", () => {
  it("carry a request id per call and none of the secrets or message text used", async () => {
    const input = newRegisterInput();
    const registered = await post("auth.register", input);
    expect(registered.status).toBe(200);
    expect((await post("auth.signIn", { login: input.username, password: `${input.password}-wrong` })).status).toBe(401);
    const signedIn = await post("auth.signIn", { login: input.username, password: input.password });
    const cookie = cookieHeader(signedIn);
    expect(cookie).toMatch(/bm_at=.+; bm_rt=.+/);

    const bob = await registerUser();
    const opened = await post("chat.openDirect", { userId: bob.user.id }, cookie);
    const { chatId } = ((await opened.json()) as { result: { data: { json: { chatId: string } } } }).result.data.json;
    const content = `the secret plan ${crypto.randomUUID()}`;
    expect((await post("message.send", { chatId, clientId: crypto.randomUUID(), content }, cookie)).status).toBe(200);
    const token = (await (await post("realtime.token", null, cookie)).json()) as { result: { data: { json: { token: string } } } };
    expect((await GET(new Request(`${BASE}/account.me`, { headers: { cookie } }))).status).toBe(200);

    const calls = lines.map((line) => JSON.parse(line) as { msg: string; procedure?: string; requestId?: string }).filter((entry) => entry.msg === "trpc call");
    expect(calls.map((entry) => entry.procedure)).toEqual(expect.arrayContaining(["auth.register", "auth.signIn", "chat.openDirect", "message.send", "realtime.token", "account.me"]));
    for (const entry of calls) expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const everything = lines.join("\n");
    const secrets = [input.password, `${input.password}-wrong`, content, token.result.data.json.token, ...cookie.split("; ").map((pair) => pair.split("=")[1]!)];
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });
});
