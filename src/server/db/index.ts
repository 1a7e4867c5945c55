// One Prisma client per process (cached on globalThis so dev reloads don't open new pools), on the
// pg pool that the hot paths' plain SQL shares (./sql.ts).
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "~/env";
import { PrismaClient } from "./generated/client";
import { pool } from "./sql";

function createClient(): PrismaClient {
  // `$disconnect()` ends the shared pool too (tests and the sidecar call it on the way out).
  return new PrismaClient({ adapter: new PrismaPg(pool(), { disposeExternalPool: true }) });
}

const cache = globalThis as unknown as { prisma?: PrismaClient };

export const db: PrismaClient = cache.prisma ?? createClient();
if (env.NODE_ENV !== "production") cache.prisma = db;

export * from "./generated/client";
