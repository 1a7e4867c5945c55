// One Prisma client per process (cached on globalThis so dev reloads don't open new pools).
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "~/env";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;

function createClient(): PrismaClient {
  const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE });
  return new PrismaClient({ adapter });
}

const cache = globalThis as unknown as { prisma?: PrismaClient };

export const db: PrismaClient = cache.prisma ?? createClient();
if (env.NODE_ENV !== "production") cache.prisma = db;

export * from "./generated/client";
