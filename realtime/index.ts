// Entry point of the realtime sidecar process (`npm run realtime`; `npm start` runs it beside Next).
import { env } from "~/env";
import { db } from "~/server/db";
import { loadSession } from "~/server/services/account/sessions";
import { appOrigins } from "~/shared/app-origins";
import { startRealtimeServer } from "./server";
import { log } from "~/server/ops/logger";

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
log().info({ port: server.port, redis: !!env.REDIS_URL, internalPort: server.internalPort }, "realtime: listening");

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  log().info("realtime: shutting down, asking clients to reconnect elsewhere");
  await server.shutdown();
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
