import { afterAll, beforeAll } from 'vitest';
import { loadSchema } from '@warden/language';
import { createClient, type ClientOptions } from '@warden/orm';
import type { SchemaDef } from '@warden/schema';
import { createTestDatabase, type TestDialect } from '@warden/test-kit';

/** Parses a ZModel text (a sqlite datasource is added when absent). */
export async function schemaFromText(
  text: string,
  provider: TestDialect = 'sqlite',
): Promise<SchemaDef> {
  const src = text.includes('datasource')
    ? text
    : `datasource db {\n  provider = "${provider}"\n  url = "file:x"\n}\n${text}`;
  const r = await loadSchema({ text: src });
  if (!r.ok)
    throw new Error(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
  return { ...r.schema, provider };
}

export interface OrmTestDb {
  readonly db: any;
  readonly schema: SchemaDef;
  close(): Promise<void>;
}

/**
 * A fresh database of `dialect` with `schema` pushed, and a plain client over it (`options`
 * other than the url are passed to the client, e.g. `log`).
 */
export async function openOrmDb(
  dialect: TestDialect,
  schema: SchemaDef,
  options: Omit<ClientOptions, 'url'> = {},
): Promise<OrmTestDb> {
  const test = await createTestDatabase(dialect);
  const s = { ...schema, provider: dialect };
  const db = createClient(s, { ...options, url: test.url }) as any;
  await db.$pushSchema({ acceptDataLoss: true });
  return {
    db,
    schema: s,
    close: async () => {
      await db.$disconnect();
      await test.drop();
    },
  };
}

/**
 * A database with the schema `text` for the tests of the enclosing `describe`: opened (and
 * handed to `ready`, which may seed it) before them, dropped after them. Returns the SQL of
 * every statement the client runs when `logSql` is set, for tests that count statements.
 *
 * @example
 * ```ts
 * let db: any;
 * const statements = ormTestDb(dialect, text, (opened) => (db = opened), { logSql: true });
 * ```
 */
export function ormTestDb(
  dialect: TestDialect,
  text: string,
  ready: (db: any) => unknown,
  options: { logSql?: boolean } = {},
): string[] {
  const statements: string[] = [];
  let t: OrmTestDb | undefined;
  beforeAll(async () => {
    const log = options.logSql ? { log: (e: { sql: string }) => statements.push(e.sql) } : {};
    t = await openOrmDb(dialect, await schemaFromText(text, dialect), log);
    await ready(t.db);
  });
  afterAll(() => t?.close());
  return statements;
}
