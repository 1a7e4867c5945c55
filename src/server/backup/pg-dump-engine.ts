// The pg_dump engine: PostgreSQL's own custom-format archive (`pg_dump -Fc`), taken from the
// snapshot the backup's transaction exported, and `pg_restore` into an empty database. Used when a
// pg_dump at least as new as the server is installed (pg_dump refuses newer servers).
import { spawn } from "node:child_process";
import path from "node:path";
import { majorOf } from "./database";

export interface PgTools {
  pgDump: string;
  pgRestore: string;
  major: number;
}

export type EngineChoice = { name: "builtin"; reason: string } | { name: "pg_dump"; tools: PgTools; reason: string };

/** pg_dump (and pg_restore beside it) with its major version, or null when it does not run. */
export async function findPgTools(pgDumpPath: string): Promise<PgTools | null> {
  const output = await run(pgDumpPath, ["--version"], {}).catch(() => null);
  const major = /\(PostgreSQL\)\s+(\d+)/.exec(output ?? "")?.[1];
  if (!major) return null;
  const pgRestore = pgDumpPath.includes("/") ? path.join(path.dirname(pgDumpPath), "pg_restore") : "pg_restore";
  return { pgDump: pgDumpPath, pgRestore, major: Number(major) };
}

/** BACKUP_ENGINE=auto picks pg_dump when one can dump this server, the builtin engine otherwise. */
export async function chooseEngine(wanted: "auto" | "pg_dump" | "builtin", pgDumpPath: string, serverVersionNum: number): Promise<EngineChoice> {
  if (wanted === "builtin") return { name: "builtin", reason: "BACKUP_ENGINE=builtin" };
  const serverMajor = majorOf(serverVersionNum);
  const tools = await findPgTools(pgDumpPath);
  if (tools && tools.major >= serverMajor) return { name: "pg_dump", tools, reason: `pg_dump ${tools.major} for PostgreSQL ${serverMajor}` };
  const why = tools ? `pg_dump ${tools.major} cannot dump PostgreSQL ${serverMajor} (it needs pg_dump ${serverMajor} or newer)` : `no pg_dump runs as "${pgDumpPath}" (PG_DUMP_PATH)`;
  if (wanted === "pg_dump") throw new Error(`BACKUP_ENGINE=pg_dump: ${why}`);
  return { name: "builtin", reason: `${why}: using the builtin engine` };
}

/** libpq's connection: the URL without its password, which goes in PGPASSWORD (not on the command line, where `ps` shows it). */
function connection(url: string): { dbname: string; env: Record<string, string> } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { dbname: parsed.toString(), env: password ? { PGPASSWORD: password } : {} };
}

export async function dumpWithPgDump(tools: PgTools, url: string, snapshot: string, file: string): Promise<void> {
  const { dbname, env } = connection(url);
  await run(tools.pgDump, ["--format=custom", `--snapshot=${snapshot}`, "--no-password", `--file=${file}`, `--dbname=${dbname}`], env);
}

export async function restoreWithPgRestore(tools: PgTools, url: string, file: string): Promise<void> {
  const { dbname, env } = connection(url);
  await run(tools.pgRestore, ["--no-owner", "--no-acl", "--exit-on-error", "--single-transaction", "--no-password", `--dbname=${dbname}`, file], env);
}

/** Runs a program; resolves with its stdout, rejects with its stderr. */
function run(command: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${path.basename(command)} failed (${code}): ${stderr.trim()}`))));
  });
}
