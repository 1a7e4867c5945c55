// The one way to write raw SQL: a tagged template whose values become parameters. `query` runs it
// on the same pg pool as Prisma's adapter (the hot paths: every request's session check, sending,
// history, receipts, presence — a Prisma call costs 1–7 ms of CPU in its WASM query compiler,
// `engineType = "client"`, a pg query about a tenth of that); `queryIn` runs it inside a Prisma
// interactive transaction. Everything else uses the Prisma ORM.
import pg from "pg";
import { env } from "~/env";
import { log } from "~/server/ops/logger";

/** A piece of SQL with its values; fragments nest, and their placeholders are numbered on use. */
export class Sql {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}
}

/** `sql\`SELECT … WHERE id = ${id}\``: values become $n parameters, nested `Sql` is inlined. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return new Sql(strings, values);
}

/** Trusted SQL text (column lists, keywords), never user input. */
export const raw = (text: string) => new Sql([text], []);
export const empty = raw("");

/** The statement text with $1…$n placeholders, and its values in order. */
export function toStatement(fragment: Sql): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  return { text: compile(fragment, values), values };
}

function compile(fragment: Sql, params: unknown[]): string {
  let text = fragment.strings[0]!;
  fragment.values.forEach((value, index) => {
    if (value instanceof Sql) text += compile(value, params);
    else {
      params.push(value);
      text += `$${params.length}`;
    }
    text += fragment.strings[index + 1]!;
  });
  return text;
}

// Prisma's DateTime columns are `timestamp(3)` holding UTC; pg would read them as local time.
const TIMESTAMP_OID = 1114;
const types: pg.CustomTypesConfig = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID ? (value: string) => new Date(`${value.replace(" ", "T")}Z`) : (pg.types.getTypeParser(oid, format) as (value: string) => unknown),
};

const cache = globalThis as unknown as { bmPool?: pg.Pool };

/** The process's pool (Prisma's adapter runs on it too). */
export function pool(): pg.Pool {
  if (!cache.bmPool) {
    // A server that accepts and never answers must fail the request (503), not hang it.
    cache.bmPool = new pg.Pool({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE, connectionTimeoutMillis: env.DATABASE_CONNECT_TIMEOUT_MS });
    // An idle connection dropped by the server must not crash the process: the pool replaces it.
    cache.bmPool.on("error", (error) => log().warn({ error: error.message }, "db: idle connection lost"));
  }
  return cache.bmPool;
}

/** Runs one statement and returns its rows. A `name` makes it a prepared statement (parsed and
 * planned once per connection): for the hottest statements, whose text never varies. */
export async function query<T>(fragment: Sql, name?: string): Promise<T[]> {
  const { text, values } = toStatement(fragment);
  const result = await pool().query<T & pg.QueryResultRow>({ text, values, types, name });
  return result.rows;
}

/** What `queryIn` needs of a Prisma transaction client. */
export interface RawQueryClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
}

/** Runs one statement on a Prisma interactive transaction's connection (`db.$transaction(async (tx) => …)`),
 * so it sees and holds what the transaction does (row locks, uncommitted writes). */
export async function queryIn<T>(tx: RawQueryClient, fragment: Sql): Promise<T[]> {
  const { text, values } = toStatement(fragment);
  return tx.$queryRawUnsafe<T[]>(text, ...values);
}
