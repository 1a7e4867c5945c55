// Entry point of the realtime sidecar process (`npm run realtime`; `npm start` runs it beside Next).
import { env } from "~/env";
import { db } from "~/server/db";
import { loadSession } from "~/server/services/account/sessions";
import { appOrigins } from "~/shared/app-origins";
import { startRealtimeServer } from "./server";

const server = await startRealtimeServer({
  port: Number(process.env.REALTIME_PORT || 3001),
  secret: env.AUTH_SECRET,
  corsOrigins: appOrigins(env.APP_URL),
  redisUrl: env.REDIS_URL,
  // Without Redis the app publishes through signed calls to this loopback-only port.
  internalPort: env.REDIS_URL ? undefined : env.REALTIME_INTERNAL_PORT,
  metricsToken: env.METRICS_TOKEN,
  sessionIsLive: async (sessionId, userId) => (await loadSession(sessionId, userId)) !== null,
});
console.log(`realtime: listening on :${server.port}${env.REDIS_URL ? " (Redis adapter)" : ` (loopback publish port 127.0.0.1:${server.internalPort})`}`);

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
