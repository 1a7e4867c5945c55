// E2E in Debian's Chromium (apt-get install chromium) against `npm start` on ports 3200/3201
// (E2E_PORT moves both).
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT || 3200);
const REALTIME_PORT = PORT + 1;
export const E2E_METRICS_TOKEN = "e2e-metrics-token-e2e-metrics-token";

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "ru-RU",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: "npx tsx scripts/e2e-server.ts",
    url: `http://localhost:${PORT}/sign-in`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    env: {
      PORT: String(PORT),
      REALTIME_PORT: String(REALTIME_PORT),
      APP_URL: `http://localhost:${PORT}`,
      REALTIME_PUBLIC_URL: `http://localhost:${REALTIME_PORT}`,
      AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
      // e2e/operations.spec.ts scrapes /api/metrics and the sidecar's /metrics with it.
      METRICS_TOKEN: E2E_METRICS_TOKEN,
      // One JSON line per tRPC call would bury a failure's output; LOG_LEVEL=info brings them back.
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      REGISTER_IP_LIMIT: "1000",
      AUTH_IP_LIMIT: "1000",
      // The specs act far faster than a person: roomy per-user limits (production keeps the defaults).
      LIMIT_MESSAGES_BURST: "1000",
      LIMIT_SEARCHES_PER_MINUTE: "1000",
      LIMIT_FRIEND_REQUESTS_PER_MINUTE: "1000",
      LIMIT_GROUPS_PER_MINUTE: "1000",
      LIMIT_MEMBER_ADDS_PER_MINUTE: "1000",
      LIMIT_PASSWORD_CHECKS_PER_15_MINUTES: "1000",
      // Images wait for the attachments.process-image job (run in the Next process): poll often.
      JOBS_POLL_SECONDS: "0.5",
    },
  },
});
