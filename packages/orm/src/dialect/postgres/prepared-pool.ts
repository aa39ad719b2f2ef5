import type pg from 'pg';

const PATCHED = Symbol('warden.prepared');
// In the global registry, so every copy of this module (a bundler may make several, e.g. one
// per Next.js route) counts on the same map, and no two statements ever share a name.
const COUNTER = Symbol.for('warden.prepared.counter');
/** Each name is a server-side statement on every pooled connection: keep them bounded. */
const MAX_PREPARED = 4000;

/**
 * Registers `sql` to run as a named prepared statement, with a name unique for this map for
 * good (names are never reused, even after an entry is dropped).
 */
export function registerPrepared(names: Map<string, string>, sql: string): void {
  if (names.has(sql) || names.size >= MAX_PREPARED) return;
  const counted = names as Map<string, string> & { [COUNTER]?: number };
  const n = (counted[COUNTER] ?? 0) + 1;
  counted[COUNTER] = n;
  names.set(sql, `w${n}`);
}

/**
 * A pg pool whose clients run the statements in `names` as named prepared statements (parsed
 * and planned once per connection). The plan cache registers a statement when it compiles it.
 */
export function preparedPool(pool: pg.Pool, names: Map<string, string>): pg.Pool {
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  const wrapped = Object.create(pool) as pg.Pool;
  Object.defineProperty(wrapped, 'connect', {
    value: async () => {
      const client = await connect();
      const c = client as pg.PoolClient & { [PATCHED]?: true };
      if (!c[PATCHED]) {
        const query = client.query.bind(client) as (...a: unknown[]) => unknown;
        c[PATCHED] = true;
        (client as unknown as { query: unknown }).query = (text: unknown, values?: unknown) => {
          const name = typeof text === 'string' ? names.get(text) : undefined;
          if (!name) return values === undefined ? query(text) : query(text, values);
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
