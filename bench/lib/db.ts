// The bench database: a fresh `bm_bench` on the server DATABASE_URL names (dropped at the end), or
// an embedded PostgreSQL in its own data dir under .data/ (removed at the end); migrated the
// production way, then seeded in bulk with generate_series.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmodSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedDb, type EmbeddedDb } from "../../scripts/embedded-db.ts";

export interface BenchDb {
  url: string;
  kind: "server" | "embedded";
  serverVersion: string;
  stop(): Promise<void>;
}

const DB_NAME = "bm_bench";

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function migrate(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "scripts/prisma.ts", "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`migrate deploy failed (${code}):\n${output}`));
    });
  });
}

export async function openBenchDb(log: (line: string) => void): Promise<BenchDb> {
  let embedded: EmbeddedDb | undefined;
  let adminUrl = process.env.DATABASE_URL;
  let kind: BenchDb["kind"] = "server";
  const dataRoot = path.resolve(".data/bench-pg");
  if (!adminUrl) {
    kind = "embedded";
    rmSync(dataRoot, { recursive: true, force: true });
    mkdirSync(dataRoot, { recursive: true });
    chmodSync(dataRoot, 0o755);
    const port = 54390 + Math.floor(Math.random() * 50);
    log(`PostgreSQL: embedded, data in ${path.relative(process.cwd(), dataRoot)}, port ${port}`);
    embedded = await startEmbeddedDb({ dataDir: path.join(dataRoot, "data"), port, database: "postgres", ephemeral: true });
    adminUrl = embedded.url;
  } else {
    const shown = new URL(adminUrl);
    if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(shown.hostname)) throw new Error(`DATABASE_URL must point at loopback for the bench, not ${shown.hostname}`);
    log(`PostgreSQL: ${shown.host}, fresh database ${DB_NAME}`);
  }
  await admin(adminUrl, `DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  await admin(adminUrl, `CREATE DATABASE "${DB_NAME}"`);
  const url = withDatabase(adminUrl, DB_NAME);
  await migrate(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const serverVersion = (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version;
  await client.end();
  let stopped = false;
  return {
    url,
    kind,
    serverVersion,
    async stop() {
      if (stopped) return;
      stopped = true;
      await admin(adminUrl, `DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`).catch(() => undefined);
      if (embedded) {
        await embedded.stop().catch(() => undefined);
        rmSync(dataRoot, { recursive: true, force: true });
      }
    },
  };
}

export interface Seeded {
  users: Array<{ userId: string; sessionId: string }>;
  directChats: Array<{ chatId: string; a: number; b: number }>;
  groups: Array<{ chatId: string; members: number[] }>;
}

/**
 * Users with sessions, direct chats between given pairs of user indexes and groups of given user
 * indexes — all in a few set-based statements.
 */
export async function seed(url: string, userCount: number, pairs: Array<[number, number]>, groups: number[][]): Promise<Seeded> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // A per-run salt: ids never repeat across runs (stale Redis presence entries cannot match).
  const salt = randomUUID().slice(0, 8);
  try {
    await client.query(
      `INSERT INTO users (id, username, password_hash, display_name, search_name, updated_at, last_seen_visibility)
       SELECT md5('bench-user-' || $2::text || g)::uuid, 'b' || $2::text || '_' || g, 'not-a-hash', 'Bench ' || g, 'b' || $2::text || '_' || g || ' bench ' || g, now(), 'EVERYONE'
       FROM generate_series(0, $1::int - 1) g`,
      [userCount, salt],
    );
    await client.query(
      `INSERT INTO sessions (id, user_id, refresh_hash, expires_at)
       SELECT md5('bench-session-' || $2::text || g)::uuid, md5('bench-user-' || $2::text || g)::uuid, md5('bench-refresh-' || $2::text || g), now() + interval '1 day'
       FROM generate_series(0, $1::int - 1) g`,
      [userCount, salt],
    );
    const ids = await client.query<{ g: number; user_id: string; session_id: string }>(
      `SELECT g, md5('bench-user-' || $2::text || g)::uuid::text AS user_id, md5('bench-session-' || $2::text || g)::uuid::text AS session_id FROM generate_series(0, $1::int - 1) g ORDER BY g`,
      [userCount, salt],
    );
    const users = ids.rows.map((row) => ({ userId: row.user_id, sessionId: row.session_id }));

    const directChats: Seeded["directChats"] = pairs.map(([a, b]) => ({ chatId: randomUUID(), a, b }));
    if (directChats.length) {
      await client.query(
        `INSERT INTO chats (id, type, direct_key, created_by_id, updated_at)
         SELECT c, 'DIRECT', LEAST(a, b)::text || ':' || GREATEST(a, b)::text, a, now()
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS p(c, a, b)`,
        [directChats.map((chat) => chat.chatId), directChats.map((chat) => users[chat.a]!.userId), directChats.map((chat) => users[chat.b]!.userId)],
      );
      await client.query(
        `INSERT INTO chat_members (chat_id, user_id, role)
         SELECT c, u, 'MEMBER' FROM unnest($1::uuid[], $2::uuid[]) AS m(c, u)`,
        [directChats.flatMap((chat) => [chat.chatId, chat.chatId]), directChats.flatMap((chat) => [users[chat.a]!.userId, users[chat.b]!.userId])],
      );
    }

    const groupRows: Seeded["groups"] = groups.map((members) => ({ chatId: randomUUID(), members }));
    if (groupRows.length) {
      await client.query(
        `INSERT INTO chats (id, type, title, created_by_id, updated_at)
         SELECT c, 'GROUP', 'Bench group', owner, now() FROM unnest($1::uuid[], $2::uuid[]) AS g(c, owner)`,
        [groupRows.map((group) => group.chatId), groupRows.map((group) => users[group.members[0]!]!.userId)],
      );
      await client.query(
        `INSERT INTO chat_members (chat_id, user_id, role)
         SELECT c, u, CASE WHEN first THEN 'OWNER'::"ChatRole" ELSE 'MEMBER'::"ChatRole" END FROM unnest($1::uuid[], $2::uuid[], $3::bool[]) AS m(c, u, first)`,
        [
          groupRows.flatMap((group) => group.members.map(() => group.chatId)),
          groupRows.flatMap((group) => group.members.map((index) => users[index]!.userId)),
          groupRows.flatMap((group) => group.members.map((_, i) => i === 0)),
        ],
      );
    }
    await client.query("ANALYZE");
    return { users, directChats, groups: groupRows };
  } finally {
    await client.end();
  }
}

/** Fills a direct chat with `rows` messages in one INSERT … SELECT generate_series (ids ascending with
 * the sequence, so the primary-key index fills in order: several times faster than random UUIDs). */
export async function seedHistory(url: string, chatId: string, senders: [string, string], rows: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET synchronous_commit = off");
    await client.query(
      `INSERT INTO messages (id, chat_id, seq, sender_id, kind, content, created_at)
       SELECT (substr(md5($1::text), 1, 8) || '-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, $1::uuid, g, CASE WHEN g % 2 = 0 THEN $2::uuid ELSE $3::uuid END, 'TEXT',
              'history message number ' || g, now() - make_interval(secs => ($4::int - g))
       FROM generate_series(1, $4::int) g`,
      [chatId, senders[0], senders[1], rows],
    );
    await client.query("UPDATE chats SET last_seq = $2, last_message_at = now() WHERE id = $1::uuid", [chatId, rows]);
    await client.query("ANALYZE messages");
    return rows;
  } finally {
    await client.end();
  }
}
