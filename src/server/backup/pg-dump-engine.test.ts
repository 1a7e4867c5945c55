// Engine choice against stand-in pg_dump programs of known versions (pg_dump refuses newer servers).
import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { chooseEngine, findPgTools } from "./pg-dump-engine";

const dir = mkdtempSync(path.join(tmpdir(), "bm-fake-pg-dump-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakePgDump(version: string): string {
  const file = path.join(dir, `pg_dump_${version}`);
  writeFileSync(file, `#!/bin/sh\necho "pg_dump (PostgreSQL) ${version} (Debian ${version}-1.pgdg120+1)"\n`);
  chmodSync(file, 0o755);
  return file;
}

async function withPath<T>(PATH: string, work: () => Promise<T>): Promise<T> {
  const before = process.env.PATH;
  process.env.PATH = PATH;
  try {
    return await work();
  } finally {
    process.env.PATH = before;
  }
}

const PG15 = 150020;
const PG18 = 180001;

describe("chooseEngine", () => {
  it("auto: pg_dump when its major version is at least the server's, with pg_restore from the same folder", async () => {
    const pgDump = fakePgDump("18.1");
    expect(await chooseEngine("auto", pgDump, PG15)).toEqual({ name: "pg_dump", tools: { pgDump, pgRestore: path.join(dir, "pg_restore"), major: 18 }, reason: "pg_dump 18 for PostgreSQL 15" });
    expect((await chooseEngine("auto", pgDump, PG18)).name).toBe("pg_dump");
  });

  it("auto: the builtin engine when pg_dump is older than the server, or missing, saying why", async () => {
    expect(await chooseEngine("auto", fakePgDump("15.20"), PG18)).toEqual({
      name: "builtin",
      reason: "pg_dump 15 cannot dump PostgreSQL 18 (it needs pg_dump 18 or newer): using the builtin engine",
    });
    const missing = path.join(dir, "missing");
    expect(await chooseEngine("auto", missing, PG15)).toEqual({ name: "builtin", reason: `no pg_dump runs as "${missing}" (PG_DUMP_PATH): using the builtin engine` });
  });

  it("BACKUP_ENGINE=pg_dump fails when pg_dump cannot dump the server; builtin never looks for one", async () => {
    await expect(chooseEngine("pg_dump", fakePgDump("15.20"), PG18)).rejects.toThrow("BACKUP_ENGINE=pg_dump: pg_dump 15 cannot dump PostgreSQL 18");
    expect(await chooseEngine("builtin", path.join(dir, "missing"), PG18)).toEqual({ name: "builtin", reason: "BACKUP_ENGINE=builtin" });
  });

  it("takes pg_restore from PATH when pg_dump is given by name, and reports a program that does not run as none", async () => {
    const bin = path.join(dir, "bin");
    mkdirSync(bin);
    renameSync(fakePgDump("17.2"), path.join(bin, "pg_dump"));
    const PATH = `${bin}:${process.env.PATH}`;
    expect(await withPath(PATH, () => findPgTools("pg_dump"))).toEqual({ pgDump: "pg_dump", pgRestore: "pg_restore", major: 17 });
    expect(await findPgTools(path.join(dir, "missing"))).toBeNull();
  });
});
