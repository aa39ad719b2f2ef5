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
