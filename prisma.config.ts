// Prisma CLI config. The JS schema engine + driver adapter lets `migrate deploy` run offline
// (Prisma's native engines would be downloaded otherwise). Run the CLI through scripts/prisma.ts,
// which makes sure DATABASE_URL is set (embedded PostgreSQL when it isn't).
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter() {
    return Promise.resolve(new PrismaPg({ connectionString: process.env.DATABASE_URL }));
  },
});
