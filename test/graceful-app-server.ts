// A child process for src/server/ops/graceful-shutdown.integration.test.ts: the app's shutdown wired
// as scripts/next-server.ts wires it, around the real /api/ready route, pool and Redis client, with
// /slow standing for an in-flight request (Next itself would need a production build first).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { GET as ready } from "~/app/api/ready/route";
import { shutDownOnSignals } from "~/server/ops/app-lifecycle";
import { pool } from "~/server/db/sql";
import { getRedis } from "~/server/redis";

await pool().query("SELECT 1");
await getRedis()?.ping();

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname === "/api/ready") {
    void ready().then(async (response) => res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text()));
    return;
  }
  if (url.pathname === "/slow") {
    console.log("slow: started");
    setTimeout(() => res.end("done"), Number(url.searchParams.get("ms")));
    return;
  }
  res.writeHead(404).end();
});
server.listen(0, "127.0.0.1", () => console.log(`listening: ${(server.address() as AddressInfo).port}`));
shutDownOnSignals(server);
process.on("exit", () => console.log(`closed: ${JSON.stringify({ poolEnded: pool().ended, redis: getRedis()?.status ?? "off" })}`));
