// Entry point of the realtime sidecar process (`npm run realtime`; `npm start` runs it beside Next).
import { env } from "~/env";
import { db } from "~/server/db";
import { startRealtimeServer } from "./server";

const server = await startRealtimeServer({
  port: Number(process.env.REALTIME_PORT || 3001),
  secret: env.AUTH_SECRET,
  corsOrigins: [env.APP_URL],
  redisUrl: env.REDIS_URL,
  // What loadSession checks (the session exists, is this user's, has not expired, the user is not
  // deleted) in one raw indexed query: it runs on every socket handshake.
  sessionIsLive: async (sessionId, userId) => {
    const rows = await db.$queryRaw<{ one: number }[]>`
      SELECT 1 AS one FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = ${sessionId}::uuid AND s.user_id = ${userId}::uuid AND s.expires_at > now() AND u.deleted_at IS NULL`;
    return rows.length > 0;
  },
});
console.log(`realtime: listening on :${server.port}${env.REDIS_URL ? " (Redis adapter)" : ""}`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log("realtime: shutting down, asking clients to reconnect elsewhere");
  await server.shutdown();
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
