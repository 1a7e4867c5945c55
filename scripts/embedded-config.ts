// Where `npm start` keeps its embedded PostgreSQL when DATABASE_URL is unset.
export function embeddedDbConfig() {
  return {
    dataDir: process.env.EMBEDDED_PG_DIR || ".data/postgres",
    port: Number(process.env.EMBEDDED_PG_PORT || 54320),
  };
}
