// Loads .env (if present) without overriding variables already set in the environment.
import { existsSync } from "node:fs";

export function loadEnvFile(file = ".env") {
  if (existsSync(file)) process.loadEnvFile(file);
}
