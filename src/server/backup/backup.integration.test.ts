// Backups on real PostgreSQL: data made through the app (people, chats, Cyrillic messages, an
// attachment with a 64-bit size and its locally stored, encrypted file) is backed up with each
// engine, restored into fresh databases (the shared 15 server, and an embedded PostgreSQL 18 like
// `npm start`'s), and compared table by table and file by file; and kept in an S3 bucket (s3rver).
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { text } from "node:stream/consumers";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { env } from "~/env";
import { db } from "~/server/db";
import { enqueue } from "~/server/jobs/enqueue";
import { startJobWorkers, stopJobWorkers } from "~/server/jobs/workers";
import { createStorage, storageConfigFromEnv } from "~/server/storage/create-storage";
import { runQueuedJobs } from "../../../test/jobs";
import { adminQuery, databaseUrl } from "../../../test/pg";
import { privatePostgres, type PrivatePostgres } from "../../../test/private-postgres";
import { storeFile } from "../../../test/stored-files";
import { directChatPair } from "../../../test/trpc";
import { startS3rver, s3DriverFor } from "../../../test/s3rver";
import { listBackups } from "./backup-folders";
import { createBackup } from "./create-backup";
import { connect, majorOf, serverVersion } from "./database";
import { findPgTools } from "./pg-dump-engine";
import { downloadBackup, listRemoteBackups } from "./remote-copy";
import { restoreBackup } from "./restore-backup";
import type { BackupSettings } from "./settings";

const { storageDir, backupDir } = await vi.hoisted(async () => {
  const storage = (await import("../../../test/temp-storage")).tempStorageDir();
  const { mkdtempSync: temp } = await import("node:fs");
  const { tmpdir: tmp } = await import("node:os");
  const backups = temp(`${tmp()}/bm-backups-`);
  // The scheduled job's settings come from the environment, read once at src/env.ts's import.
  process.env.BACKUP_DIR = backups;
  process.env.BACKUP_CRON = "15 3 * * *";
  return { storageDir: storage, backupDir: backups };
});

const adminUrl = inject("pgAdminUrl");
const temporaryDirs = [storageDir, backupDir];
const databases: string[] = [];
let embedded: PrivatePostgres | null = null;

afterAll(async () => {
  for (const name of databases) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await embedded?.remove();
  for (const dir of temporaryDirs) await rm(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temporaryDirs.push(dir);
  return dir;
}

/** An empty database on the shared test server, dropped after the file. */
async function emptyDatabase(): Promise<string> {
  const name = `bm_restore_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  databases.push(name);
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  return databaseUrl(adminUrl, name);
}

function settings(overrides: Partial<BackupSettings> = {}): BackupSettings {
  return { directory: tempDir("bm-backups-"), keep: 7, engine: "auto", target: "folder", pgDumpPath: "pg_dump", uploadsDirectory: storageDir, migrationsDirectory: "prisma/migrations", ...overrides };
}

/** Every public table's row count and a digest of its rows in a stable order. */
async function tableDigests(url: string): Promise<Record<string, string>> {
  const client = await connect(url);
  try {
    const { rows: tables } = await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    const digests: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ n: string; digest: string }>(`SELECT count(*) AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest FROM public."${name}" t`);
      digests[name] = `${rows[0]!.n} rows ${rows[0]!.digest}`;
    }
    return digests;
  } finally {
    await client.end();
  }
}

/** Relative path → bytes of every stored object under a storage folder. */
async function storedObjects(directory: string): Promise<Record<string, string>> {
  const objects = path.join(directory, "objects");
  const entries = await readdir(objects, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter((item) => item.isFile())) {
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(objects, full)] = (await readFile(full)).toString("base64");
  }
  return files;
}

let fileKey = "";
let sourceDigests: Record<string, string> = {};

beforeAll(async () => {
  const { alice, bob, chatId } = await directChatPair();
  await alice.call().message.send({ chatId, clientId: randomUUID(), content: "Привет, Боб! Как дела?\nВторая строка\tс табуляцией и \\ обратной чертой" });
  const reply = await bob.call().message.send({ chatId, clientId: randomUUID(), content: "Всё хорошо 👍" });
  const group = await alice.call().chat.createGroup({ title: "Семья «Ивановы»", memberIds: [bob.user.id] });
  await alice.call().message.send({ chatId: group.chatId, clientId: randomUUID(), content: "Ужин в 19:00" });
  fileKey = await storeFile();
  await db.attachment.create({
    data: { uploaderId: alice.user.id, chatId, messageId: reply.message.id, status: "READY", storageKey: fileKey, fileName: "отчёт.pdf", mimeType: "application/pdf", size: 5n * 2n ** 40n },
  });
  sourceDigests = await tableDigests(env.DATABASE_URL);
  for (const table of ["users", "chats", "chat_members", "messages", "attachments", "sessions"]) expect(sourceDigests[table]).not.toMatch(/^0 rows/);
});

const pgTools = await findPgTools("pg_dump");
const sharedServerMajor = await (async () => {
  const client = await connect(adminUrl);
  return serverVersion(client).finally(() => client.end());
})().then(majorOf);

describe("backup and restore", () => {
  it.skipIf(!pgTools || pgTools.major < sharedServerMajor)("round-trips the database and the files with pg_dump (custom format)", async () => {
    const made = await createBackup(settings({ engine: "pg_dump" }), env.DATABASE_URL);
    expect(made.engine).toBe("pg_dump");
    const target = await emptyDatabase();
    const restoredFiles = tempDir("bm-restored-files-");
    const restored = await restoreBackup(made.folder, settings({ uploadsDirectory: restoredFiles }), target);

    expect(restored).toMatchObject({ engine: "pg_dump", uploads: 1 });
    expect(await tableDigests(target)).toEqual(sourceDigests);
    expect(await storedObjects(restoredFiles)).toEqual(await storedObjects(storageDir));
  });

  it("round-trips the database and the files with the builtin engine, and the restored files decrypt with the same key", async () => {
    const made = await createBackup(settings({ engine: "builtin" }), env.DATABASE_URL);
    expect(made).toMatchObject({ engine: "builtin", uploads: 1 });
    const target = await emptyDatabase();
    const restoredFiles = tempDir("bm-restored-files-");
    await restoreBackup(made.folder, settings({ uploadsDirectory: restoredFiles }), target);

    expect(await tableDigests(target)).toEqual(sourceDigests);
    expect(await storedObjects(restoredFiles)).toEqual(await storedObjects(storageDir));
    const restoredStorage = createStorage(storageConfigFromEnv({ ...env, STORAGE_LOCAL_DIR: restoredFiles }));
    expect(await text(await restoredStorage.read(fileKey))).toBe(`bytes of ${fileKey}`);
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    const { rows } = await client.query<{ size: string }>("SELECT size::text FROM attachments");
    await client.end();
    expect(rows).toEqual([{ size: String(5n * 2n ** 40n) }]);
  });

  it("covers the embedded PostgreSQL 18 of `npm start`: restore into it, back it up (auto engine), restore that into PostgreSQL 15", async () => {
    const first = await createBackup(settings({ engine: "builtin" }), env.DATABASE_URL);
    embedded = await privatePostgres();
    const embeddedUrl = databaseUrl(embedded.url, "restored");
    await adminQuery(embedded.url, `CREATE DATABASE restored`);
    await restoreBackup(first.folder, settings({ uploadsDirectory: null }), embeddedUrl);

    const fromEmbedded = await createBackup(settings({ uploadsDirectory: null }), embeddedUrl);
    const embeddedMajor = majorOf(await connect(embeddedUrl).then((client) => serverVersion(client).finally(() => client.end())));
    // pg_dump refuses a newer server: with the system's pg_dump older than the embedded server, auto falls back.
    expect(fromEmbedded.engine).toBe(pgTools && pgTools.major >= embeddedMajor ? "pg_dump" : "builtin");
    const target = await emptyDatabase();
    await restoreBackup(fromEmbedded.folder, settings({ uploadsDirectory: null }), target);
    expect(await tableDigests(target)).toEqual(sourceDigests);
  });

  it("refuses a database that is not empty, and a damaged backup, before changing anything", async () => {
    const made = await createBackup(settings({ engine: "builtin", uploadsDirectory: null }), env.DATABASE_URL);
    await expect(restoreBackup(made.folder, settings(), env.DATABASE_URL)).rejects.toThrow(/target database is not empty .*restore only into an empty database/);

    const messages = path.join(made.folder, "database/table-messages.copy.gz");
    const bytes = await readFile(messages);
    bytes[bytes.length - 5]! ^= 0xff;
    await writeFile(messages, bytes);
    const target = await emptyDatabase();
    await expect(restoreBackup(made.folder, settings(), target)).rejects.toThrow("The backup is damaged: database/table-messages.copy.gz is missing or differs from its checksum");
    expect(await tableDigests(target)).toEqual({});
  });

  it("keeps the newest BACKUP_KEEP backups", async () => {
    const kept = settings({ engine: "builtin", uploadsDirectory: null, keep: 2 });
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await createBackup(kept, env.DATABASE_URL));
    expect(made[2]!.removed).toEqual([path.basename(made[0]!.folder)]);
    expect(await listBackups(kept.directory)).toEqual(made.slice(1).map((backup) => path.basename(backup.folder)));
  });
});

describe("BACKUP_TARGET=s3", () => {
  it("moves each backup into the bucket, keeps the newest BACKUP_KEEP there, and restores one from it", async () => {
    const s3 = await startS3rver();
    try {
      const bucket = s3DriverFor(s3, 1024 * 1024);
      const inBucket = settings({ engine: "builtin", target: "s3", keep: 2 });
      const made = [];
      for (let i = 0; i < 3; i++) made.push(await createBackup(inBucket, env.DATABASE_URL, bucket));
      const names = made.map((backup) => backup.folder.replace(/^s3:/, ""));

      expect(await listBackups(inBucket.directory)).toEqual([]);
      expect(await listRemoteBackups(bucket)).toEqual(names.slice(1));
      expect(made[2]!.removed).toEqual([names[0]]);
      expect(await bucket.stat(`backups/${names[0]}/manifest.json`)).toBeNull();
      expect(await bucket.stat(`backups/${names[0]}/database/table-messages.copy.gz`)).toBeNull();

      const downloaded = await downloadBackup(bucket, names[2]!, tempDir("bm-downloaded-"));
      const target = await emptyDatabase();
      const restoredFiles = tempDir("bm-restored-files-");
      await restoreBackup(downloaded, settings({ uploadsDirectory: restoredFiles }), target);
      expect(await tableDigests(target)).toEqual(sourceDigests);
      expect(await storedObjects(restoredFiles)).toEqual(await storedObjects(storageDir));
    } finally {
      await s3.stop();
    }
  });
});

describe("backup.run job", () => {
  it("is scheduled from BACKUP_CRON when the workers start, and writes a backup into BACKUP_DIR", async () => {
    await startJobWorkers();
    await stopJobWorkers(1_000);
    const schedules = await db.$queryRaw<{ cron: string; timezone: string }[]>`SELECT cron, timezone FROM pgboss.schedule WHERE name = 'backup.run'`;
    expect(schedules).toEqual([{ cron: "15 3 * * *", timezone: "UTC" }]);

    await enqueue("backup.run", {});
    const ran = await runQueuedJobs();
    expect(ran.map(({ name, ok }) => `${name} ${ok}`)).toEqual(["backup.run true"]);
    expect(await listBackups(backupDir)).toHaveLength(1);
  });
});
