// Runs in each integration test file before its imports: a private database cloned from the
// migrated template, the environment src/env.ts validates at import, and recording realtime links.
import { afterAll, inject } from "vitest";
import { adminQuery, databaseUrl } from "./pg.ts";
import { recordEndedRooms, recordPublished } from "./publisher.ts";

const adminUrl = inject("pgAdminUrl");
const template = inject("pgTemplate");
const database = `bm_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

async function createDatabase() {
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(adminUrl, `CREATE DATABASE "${database}" TEMPLATE "${template}"`);
      return;
    } catch (error) {
      // 55006: the template is momentarily in use (another worker is cloning it).
      if ((error as { code?: string }).code !== "55006" || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

await createDatabase();

process.env.DATABASE_URL = databaseUrl(adminUrl, database);
process.env.AUTH_SECRET ||= "test-secret-for-integration-tests-0123456789";
(process.env as Record<string, string>).NODE_ENV = "test";
// One JSON line per tRPC call would drown the test output; warnings and errors still show.
process.env.LOG_LEVEL ||= "warn";

// src/server/db and src/server/redis cache their clients on globalThis; never reuse another file's.
const cache = globalThis as unknown as { prisma?: unknown; redis?: { quit(): Promise<unknown> } | null };
delete cache.prisma;
delete cache.redis;

// Fan-out and socket disconnects are recorded, not sent: left to the environment's defaults they
// would go to whatever listens on 127.0.0.1:3002 (or to the shared Redis). Tests that talk to a
// real sidecar install their own (its in-process server, a loopback or Redis publisher).
recordPublished();
recordEndedRooms();

afterAll(async () => {
  // A job queue a test started holds its own connections (pg-boss's pool), like the app's pool.
  const { stopJobQueue } = await import("~/server/jobs/queue");
  await stopJobQueue(1_000);
  const { db } = await import("~/server/db");
  await db.$disconnect();
  await cache.redis?.quit().catch(() => undefined);
  delete cache.prisma;
  delete cache.redis;
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
});
