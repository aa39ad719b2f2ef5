import type * as pg from './pg-types.js';

const PATCHED = Symbol('warden.prepared');
// In the global registry, so every copy of this module (a bundler may make several, e.g. one
// per Next.js route) counts on the same map, and no two statements ever share a name.
const COUNTER = Symbol.for('warden.prepared.counter');
const SQL_LENGTH = Symbol('warden.prepared.sqlLength');
/**
 * Each name is a server-side statement on every pooled connection, which keeps its parse tree
 * and plans for the connection's life: keep them bounded, by count and by the length of their
 * SQL (what a backend's memory for them grows with).
 */
const MAX_PREPARED = 4000;
const MAX_PREPARED_SQL_LENGTH = 1024 * 1024;
/** A statement longer than this runs unnamed: parsed per call, nothing kept on the server. */
const MAX_NAMED_SQL_LENGTH = 16 * 1024;

/**
 * Registers `sql` to run as a named prepared statement, with a name unique for this map for
 * good (names are never reused, even after an entry is dropped). Past the bounds, statements
 * run unnamed.
 */
export function registerPrepared(names: Map<string, string>, sql: string): void {
  const counted = names as Map<string, string> & { [COUNTER]?: number; [SQL_LENGTH]?: number };
  const length = counted[SQL_LENGTH] ?? 0;
  if (
    names.has(sql) ||
    names.size >= MAX_PREPARED ||
    sql.length > MAX_NAMED_SQL_LENGTH ||
    length + sql.length > MAX_PREPARED_SQL_LENGTH
  )
    return;
  const n = (counted[COUNTER] ?? 0) + 1;
  counted[COUNTER] = n;
  counted[SQL_LENGTH] = length + sql.length;
  names.set(sql, `w${n}`);
}

/** Rows (objects, or arrays in `arrays` mode) and affected count, in Kysely's result shape. */
export interface PgResult {
  rows: unknown[];
  numAffectedRows?: bigint;
}

const WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/**
 * Runs `text` on any idle connection of `pool`, as a named prepared statement when `names`
 * knows it. This is the hot path outside transactions: it skips Kysely's connection
 * provider, which measured about 50 µs per statement here (a point query is ~110 µs in all).
 */
export async function runPooled(
  pool: pg.Pool,
  names: Map<string, string>,
  text: string,
  values: readonly unknown[],
  arrays = false,
): Promise<PgResult> {
  const name = names.get(text);
  const params = values as unknown[];
  // pg's own array mode: it skips building an object per row.
  const config = (x: pg.QueryConfig): pg.QueryConfig => {
    if (arrays) x.rowMode = 'array';
    return x;
  };
  // Not `pool.query`: it discards the connection on any error, so every unique violation a
  // client provokes would cost a reconnect. A server error leaves the connection usable.
  const client = await pool.connect();
  let res: pg.QueryResult;
  try {
    try {
      res = await client.query(
        config(name ? { name, text, values: params } : { text, values: params }),
      );
    } catch (e) {
      if (!name || (e as { code?: string }).code !== '0A000') throw e;
      names.delete(text);
      res = await client.query(config({ text, values: params }));
    }
  } catch (e) {
    client.release(isServerError(e) ? undefined : (e as Error));
    throw e;
  }
  client.release();
  return WRITES.has(res.command)
    ? { rows: res.rows ?? [], numAffectedRows: BigInt(res.rowCount ?? 0) }
    : { rows: res.rows ?? [] };
}

/** An error the server answered with (SQLSTATE code): the connection is still good. */
function isServerError(e: unknown): boolean {
  return (
    typeof (e as { code?: unknown })?.code === 'string' &&
    /^[0-9A-Z]{5}$/.test((e as { code: string }).code)
  );
}

/**
 * A pg pool whose clients run the statements in `names` as named prepared statements (parsed
 * and planned once per connection). The plan cache registers a statement when it compiles it.
 */
export function preparedPool<P extends pg.Pool>(pool: P, names: Map<string, string>): P {
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  const wrapped = Object.create(pool) as P;
  Object.defineProperty(wrapped, 'connect', {
    value: async () => {
      const client = await connect();
      const c = client as pg.PoolClient & { [PATCHED]?: true };
      if (!c[PATCHED]) {
        const query = client.query.bind(client) as (...a: unknown[]) => unknown;
        c[PATCHED] = true;
        // Only Kysely's call form, `query(text, values)`, is rewritten: the pool's own
        // `pool.query` (see runPooled) calls this same client with a callback, passed through.
        (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
          const [text, values] = args;
          const name = args.length <= 2 && typeof text === 'string' ? names.get(text) : undefined;
          if (!name) return query(...args);
          // A table changed under a prepared statement ("cached plan must not change result
          // type"): stop preparing this text and run it unnamed.
          return (query({ name, text, values }) as Promise<unknown>).catch((e: unknown) => {
            if ((e as { code?: string }).code !== '0A000') throw e;
            names.delete(text as string);
            return query(text, values);
          });
        };
      }
      return client;
    },
  });
  Object.defineProperty(wrapped, 'end', { value: () => pool.end() });
  return wrapped;
}
