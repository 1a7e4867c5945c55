// A PostgreSQL restart under the running app code: calls answer 503 SERVICE_UNAVAILABLE (retryable,
// readable) while the database is down, and work again once it is back, without restarting anything.
// The database is a private embedded one; the app modules are imported after DATABASE_URL points at it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { privatePostgres, type PrivatePostgres } from "../../../test/private-postgres";
import type * as TrpcRoute from "~/app/api/trpc/[trpc]/route";
import type * as PublisherHelpers from "../../../test/publisher";
import type * as TrpcHelpers from "../../../test/trpc";

let database: PrivatePostgres;
let app: {
  trpc: typeof TrpcHelpers;
  publisher: typeof PublisherHelpers;
  route: typeof TrpcRoute;
};

beforeAll(async () => {
  database = await privatePostgres();
  process.env.DATABASE_URL = database.url;
  // Fresh app modules (env, pool, Prisma) bound to the private database.
  const cache = globalThis as unknown as { prisma?: unknown; bmPool?: unknown };
  delete cache.prisma;
  delete cache.bmPool;
  app = {
    trpc: await import("../../../test/trpc"),
    publisher: await import("../../../test/publisher"),
    route: await import("~/app/api/trpc/[trpc]/route"),
  };
  app.publisher.recordPublished();
}, 120_000);

afterAll(async () => {
  const { db } = await import("~/server/db");
  await db.$disconnect();
  await database?.remove();
});

describe("PostgreSQL restart", () => {
  it("answers 503 SERVICE_UNAVAILABLE while the database is down, and works again once it is back", async () => {
    const { registerUser, expectTRPCError } = app.trpc;
    const [alice, bob] = await Promise.all([registerUser(), registerUser()]);
    const { chatId } = await alice.call().chat.openDirect({ userId: bob.user.id });
    const send = (content: string) => alice.call().message.send({ chatId, clientId: randomUUID(), content });
    await send("before");

    await database.stop();
    try {
      const { error, shape } = await expectTRPCError(send("during"), "SERVICE_UNAVAILABLE");
      expect(error.message).toMatch(/temporarily unavailable/i);
      expect(shape.data.httpStatus).toBe(503);
      expect(shape.data.appCode).toBe("SERVICE_UNAVAILABLE");
      // Every procedure, signed in or not, through the same mapping.
      await expectTRPCError(bob.call().chat.list(), "SERVICE_UNAVAILABLE");
      await expectTRPCError(app.trpc.newClient().call().auth.signIn({ login: alice.input.username, password: alice.input.password }), "SERVICE_UNAVAILABLE");

      // Over HTTP, as the browser and monitoring see it.
      const response = await app.route.POST(
        new Request("http://localhost/api/trpc/message.send", {
          method: "POST",
          headers: { "content-type": "application/json", cookie: cookieHeader(alice.jar.snapshot()), "x-forwarded-for": alice.ip },
          body: JSON.stringify({ json: { chatId, clientId: randomUUID(), content: "over http" } }),
        }),
      );
      expect(response.status).toBe(503);
      const body = (await response.json()) as { error: { json: { message: string; data: { code: string; appCode: string } } } };
      expect(body.error.json.data.code).toBe("SERVICE_UNAVAILABLE");
      expect(body.error.json.data.appCode).toBe("SERVICE_UNAVAILABLE");
    } finally {
      await database.start();
    }

    // The same pools, the same code: the next calls work.
    expect((await send("after")).message.seq).toBe(2);
    const history = await bob.call().message.history({ chatId });
    expect(history.messages.map((message) => message.content)).toEqual(["before", "after"]);
  });
});

function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");
}
