// The environment, validated once at start-up; every variable is listed in .env.example.
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";
import { BACKUP_ENV } from "~/server/backup/settings";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.url("DATABASE_URL must be a postgresql:// URL"),
    DATABASE_POOL_SIZE: positiveInt(10),
    DATABASE_CONNECT_TIMEOUT_MS: positiveInt(5_000),
    REDIS_URL: z.url("REDIS_URL must be a redis:// URL").optional(),
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters (openssl rand -base64 48)"),
    APP_URL: z.url().default("http://localhost:3000"),
    // One URL (a load balancer in front of the sidecars), or a comma-separated list the client fails over across.
    REALTIME_PUBLIC_URL: z
      .string()
      .default("http://localhost:3001")
      .transform((value) => value.split(",").map((url) => url.trim()).filter(Boolean))
      .pipe(z.array(z.url("REALTIME_PUBLIC_URL must be a URL or a comma-separated list of URLs")).min(1, "REALTIME_PUBLIC_URL is empty")),
    REALTIME_INTERNAL_PORT: positiveInt(Number(process.env.REALTIME_PORT || 3001) + 1),
    REALTIME_INTERNAL_URL: z.url().default(`http://127.0.0.1:${process.env.REALTIME_INTERNAL_PORT || Number(process.env.REALTIME_PORT || 3001) + 1}`),
    // Read by scripts/next-server.ts on SIGTERM/SIGINT (validated here with the rest).
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).default(0),
    SHUTDOWN_GRACE_MS: positiveInt(10_000),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // Bearer token a Prometheus scraper sends to /api/metrics and each sidecar's /metrics; unset: both 404.
    METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters (openssl rand -hex 32)").optional(),
    AUTH_IP_LIMIT: positiveInt(30),
    AUTH_ACCOUNT_LIMIT: positiveInt(8),
    AUTH_ACCOUNT_GLOBAL_LIMIT: positiveInt(100),
    REGISTER_IP_LIMIT: positiveInt(10),
    API_USER_CONCURRENCY: positiveInt(4),
    LIMIT_MESSAGES_PER_SECOND: z.coerce.number().positive().default(5),
    LIMIT_MESSAGES_BURST: positiveInt(120),
    LIMIT_SEARCHES_PER_MINUTE: positiveInt(60),
    LIMIT_FRIEND_REQUESTS_PER_MINUTE: positiveInt(20),
    LIMIT_GROUPS_PER_MINUTE: positiveInt(10),
    LIMIT_MEMBER_ADDS_PER_MINUTE: positiveInt(30),
    LIMIT_PASSWORD_CHECKS_PER_15_MINUTES: positiveInt(10),
    LIMIT_UPLOADS_PER_MINUTE: positiveInt(60),
    STORAGE_DRIVER: z.enum(["local", "s3", "uploadthing"]).default("local"),
    STORAGE_LOCAL_DIR: z.string().default(".data/uploads"),
    STORAGE_ENCRYPTION_KEY: z.string().min(32, "STORAGE_ENCRYPTION_KEY must be at least 32 characters (openssl rand -base64 48)").optional(),
    UPLOAD_MAX_BYTES: positiveInt(25 * 1024 * 1024),
    // Per-user total of stored files (sent and not yet sent), default 1 GiB.
    STORAGE_QUOTA_BYTES: positiveInt(1024 * 1024 * 1024),
    UPLOAD_PART_BYTES: z.coerce.number().int().min(5 * 1024 * 1024, "UPLOAD_PART_BYTES must be at least 5 MiB (S3's minimum part)").default(8 * 1024 * 1024),
    S3_ENDPOINT: z.url("S3_ENDPOINT must be a URL").optional(),
    S3_REGION: z.string().default("us-east-1"),
    S3_BUCKET: z.string().min(3).optional(),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_FORCE_PATH_STYLE: z.stringbool().default(false),
    S3_SERVER_SIDE_ENCRYPTION: z.enum(["AES256", "aws:kms", "none"]).default("AES256"),
    UPLOADTHING_TOKEN: z.string().optional(),
    JOBS_ENABLED: z.stringbool().default(true),
    JOBS_CONCURRENCY: positiveInt(2),
    JOBS_POLL_SECONDS: z.coerce.number().min(0.5, "JOBS_POLL_SECONDS must be at least 0.5").default(2),
    ATTACHMENT_ORPHAN_HOURS: z.coerce.number().positive().default(24),
    ...BACKUP_ENV,
    // Web Push (VAPID). `npm start` generates a pair into .data/vapid.json when both are unset; unset: no push.
    VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{87}$/, "VAPID_PUBLIC_KEY must be an uncompressed P-256 public key, base64url (npx web-push generate-vapid-keys)").optional(),
    VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "VAPID_PRIVATE_KEY must be a P-256 private key, base64url").optional(),
    VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, "VAPID_SUBJECT must be a mailto: or https: URL").default("mailto:admin@brainmessenger.invalid"),
    // Only for tests and closed networks: lets push endpoints be private or loopback addresses (and http on loopback).
    PUSH_ALLOW_PRIVATE_ENDPOINTS: z.stringbool().default(false),
    /** How long after sending a member may still delete their own message for everyone (group admins: always). */
    MESSAGE_DELETE_WINDOW_HOURS: z.coerce.number().positive().default(48),
  },
  client: {},
  experimental__runtimeEnv: {},
  skipValidation: !!process.env.SKIP_ENV_VALIDATION,
  emptyStringAsUndefined: true,
  onValidationError: (issues) => {
    const lines = issues.map((issue) => `  ${issue.path?.map((segment) => String(typeof segment === "object" ? segment.key : segment)).join(".")}: ${issue.message}`);
    console.error(`Invalid environment variables (see .env.example):\n${lines.join("\n")}`);
    throw new Error("Invalid environment variables");
  },
});
