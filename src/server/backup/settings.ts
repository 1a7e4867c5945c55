// Backup settings (see .env.example, "Backups"). The zod shape is shared by src/env.ts (the app and
// its scheduled job) and by `npm run backup`/`restore`, which read process.env without the app's
// other variables (AUTH_SECRET is not needed to copy already-encrypted files).
import { z } from "zod";

export const BACKUP_ENV = {
  BACKUP_DIR: z.string().default(".data/backups"),
  BACKUP_KEEP: z.coerce.number().int().min(1, "BACKUP_KEEP must be at least 1").default(7),
  BACKUP_ENGINE: z.enum(["auto", "pg_dump", "builtin"]).default("auto"),
  // folder: backups stay in BACKUP_DIR; s3: each is moved into the app's bucket (STORAGE_DRIVER=s3) under backups/.
  BACKUP_TARGET: z.enum(["folder", "s3"]).default("folder"),
  // A pg_dump binary (pg_restore is taken from the same folder); unset: the one on PATH.
  PG_DUMP_PATH: z.string().optional(),
  // A cron expression (UTC) for the in-app daily backup job; unset: no in-app schedule.
  BACKUP_CRON: z.string().optional(),
};

/** Everything creating or restoring a backup needs besides the database URL. */
export interface BackupSettings {
  directory: string;
  keep: number;
  engine: "auto" | "pg_dump" | "builtin";
  target: "folder" | "s3";
  pgDumpPath: string;
  /** The local driver's folder when files are stored locally; null for s3/uploadthing (not backed up). */
  uploadsDirectory: string | null;
  migrationsDirectory: string;
}

interface StorageVariables {
  STORAGE_DRIVER?: string;
  STORAGE_LOCAL_DIR?: string;
}

type BackupVariables = z.output<z.ZodObject<typeof BACKUP_ENV>> & StorageVariables;

/** Settings from validated variables (the app's `env`). */
export function backupSettings(variables: BackupVariables): BackupSettings {
  const driver = variables.STORAGE_DRIVER || "local";
  if (variables.BACKUP_TARGET === "s3" && driver !== "s3") throw new Error("BACKUP_TARGET=s3 needs STORAGE_DRIVER=s3 (backups go into the app's bucket)");
  return {
    directory: variables.BACKUP_DIR,
    keep: variables.BACKUP_KEEP,
    engine: variables.BACKUP_ENGINE,
    target: variables.BACKUP_TARGET,
    pgDumpPath: variables.PG_DUMP_PATH || "pg_dump",
    uploadsDirectory: driver === "local" ? variables.STORAGE_LOCAL_DIR || ".data/uploads" : null,
    migrationsDirectory: "prisma/migrations",
  };
}

/** Settings from raw process.env (the scripts); empty strings count as unset, like src/env.ts. */
export function backupSettingsFromProcessEnv(raw: Record<string, string | undefined>): BackupSettings {
  const set = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ""));
  const parsed = z.object(BACKUP_ENV).safeParse(set);
  if (!parsed.success) throw new Error(`Invalid backup settings (see .env.example, "Backups"): ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  return backupSettings({ ...parsed.data, STORAGE_DRIVER: set.STORAGE_DRIVER, STORAGE_LOCAL_DIR: set.STORAGE_LOCAL_DIR });
}
