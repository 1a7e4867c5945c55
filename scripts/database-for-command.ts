// The database a one-off command works on: DATABASE_URL, or else the embedded PostgreSQL of
// `npm start` (.data/postgres), the running one or one started for the command.
import { openEmbeddedDb, type EmbeddedDb } from "./embedded-db.ts";
import { embeddedDbConfig } from "./embedded-config.ts";

export async function databaseForCommand(): Promise<EmbeddedDb> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const config = embeddedDbConfig();
  console.log(`DATABASE_URL is not set: using the embedded PostgreSQL (${config.dataDir}, port ${config.port}).`);
  return openEmbeddedDb(config);
}
