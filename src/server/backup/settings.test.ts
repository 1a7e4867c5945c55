import { describe, expect, it } from "vitest";
import { newBackupName } from "./backup-folders";
import { backupSettingsFromProcessEnv } from "./settings";

describe("backup settings", () => {
  it("defaults: .data/backups, keep 7, auto engine, local uploads in .data/uploads; empty values count as unset", () => {
    expect(backupSettingsFromProcessEnv({ BACKUP_DIR: "", PG_DUMP_PATH: "" })).toEqual({
      directory: ".data/backups",
      keep: 7,
      engine: "auto",
      target: "folder",
      pgDumpPath: "pg_dump",
      uploadsDirectory: ".data/uploads",
      migrationsDirectory: "prisma/migrations",
    });
  });

  it("backs up no files with remote storage, and refuses BACKUP_TARGET=s3 without it or a bad value", () => {
    expect(backupSettingsFromProcessEnv({ STORAGE_DRIVER: "s3", BACKUP_TARGET: "s3" })).toMatchObject({ uploadsDirectory: null, target: "s3" });
    expect(() => backupSettingsFromProcessEnv({ BACKUP_TARGET: "s3" })).toThrow("BACKUP_TARGET=s3 needs STORAGE_DRIVER=s3");
    expect(() => backupSettingsFromProcessEnv({ BACKUP_KEEP: "0" })).toThrow("BACKUP_KEEP must be at least 1");
    expect(() => backupSettingsFromProcessEnv({ BACKUP_ENGINE: "mysqldump" })).toThrow(/BACKUP_ENGINE/);
  });

  it("names backups by UTC time to the millisecond, so names sort by age", () => {
    expect(newBackupName(new Date("2026-12-02T16:30:41.123Z"))).toBe("brainmessenger-20261202T163041123Z");
  });
});
