// The environment, validated once at start-up; every variable is listed in .env.example.
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.url("DATABASE_URL must be a postgresql:// URL"),
    DATABASE_POOL_SIZE: positiveInt(10),
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
