// The server Playwright tests run against: `npm start` on its own ports and a fresh database
// (a new database on DATABASE_URL's server, or a new embedded PostgreSQL when it is unset).
import { rmSync } from "node:fs";
import pg from "pg";

const E2E_DB = `bm_e2e_${process.env.PORT || 3200}`;
if (process.env.DATABASE_URL) {
  const admin = new URL(process.env.DATABASE_URL);
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${E2E_DB} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${E2E_DB}`);
  await client.end();
  admin.pathname = `/${E2E_DB}`;
  process.env.DATABASE_URL = admin.toString();
} else {
  process.env.EMBEDDED_PG_DIR = `.data/postgres-e2e-${process.env.PORT || 3200}`;
  process.env.EMBEDDED_PG_PORT ||= String(50_000 + Number(process.env.PORT || 3200));
  rmSync(process.env.EMBEDDED_PG_DIR, { recursive: true, force: true });
}
await import("./start.ts");
