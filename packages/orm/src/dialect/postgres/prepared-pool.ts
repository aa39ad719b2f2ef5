import type pg from 'pg';

const PATCHED = Symbol('warden.prepared');

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
