import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { FieldDef, ModelDef, RelationDef, SchemaDef } from '@warden/schema';
import type { TestDatabase } from '@warden/test-kit';

/** A Kysely instance on a test database; SQLite gets foreign keys on, as the ORM does. */
export async function openKysely(t: TestDatabase): Promise<Kysely<any>> {
  if (t.dialect === 'sqlite') {
    const db = new Kysely<any>({
      dialect: new SqliteDialect({ database: new Database(t.url.replace(/^file:/, '')) }),
    });
    await sql`PRAGMA foreign_keys = ON`.execute(db);
    return db;
  }
  return new Kysely<any>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: t.url, max: 2 }) }),
  });
}

type FieldInit = Partial<FieldDef> & { type: string };

/** A field with defaults filled in: required scalar named after its key. */
export function f(init: FieldInit): Omit<FieldDef, 'name' | 'dbName'> & Partial<FieldDef> {
  return { kind: 'scalar', optional: false, list: false, ...init };
}

export function rel(
  model: string,
  init: Partial<RelationDef> & { kind: RelationDef['kind'] },
  extra: Partial<FieldDef> = {},
) {
  return f({
    kind: 'relation',
    type: model,
    ...extra,
    relation: { name: `${model}Rel`, model, opposite: '', ...init },
  });
}

interface ModelInit {
  dbName?: string;
  fields: Record<string, ReturnType<typeof f>>;
  idFields?: string[];
  uniques?: ModelDef['uniques'];
  indexes?: ModelDef['indexes'];
}

export function model(name: string, init: ModelInit): ModelDef {
  const fields: Record<string, FieldDef> = {};
  for (const [key, def] of Object.entries(init.fields)) {
    fields[key] = { name: key, dbName: key, ...def } as FieldDef;
  }
  return {
    name,
    dbName: init.dbName ?? name,
    fields,
    idFields:
      init.idFields ??
      Object.values(fields)
        .filter((x) => x.id)
        .map((x) => x.name),
    uniques: init.uniques ?? [],
    indexes: init.indexes ?? [],
    policies: [],
    validations: [],
  };
}

export function schema(models: ModelDef[], enums: SchemaDef['enums'] = {}): SchemaDef {
  return { provider: 'sqlite', models: Object.fromEntries(models.map((m) => [m.name, m])), enums };
}

/** User 1-n Post, with an optional 1-1 Profile; the small schema most tests start from. */
export function blogSchema(): SchemaDef {
  return schema([
    model('User', {
      fields: {
        id: f({ type: 'Int', id: true, default: { kind: 'function', name: 'autoincrement' } }),
        email: f({ type: 'String', unique: true }),
        name: f({ type: 'String', optional: true }),
        posts: rel('Post', { kind: 'one-to-many', opposite: 'author' }, { list: true }),
      },
      uniques: [{ name: 'email', fields: ['email'] }],
    }),
    model('Post', {
      fields: {
        id: f({ type: 'Int', id: true, default: { kind: 'function', name: 'autoincrement' } }),
        title: f({ type: 'String' }),
        authorId: f({ type: 'Int' }),
        author: rel('User', {
          kind: 'many-to-one',
          opposite: 'posts',
          fields: ['authorId'],
          references: ['id'],
          onDelete: 'Cascade',
        }),
      },
    }),
  ]);
}

/** Rows of a query, whatever the dialect. */
export async function rows<T = Record<string, unknown>>(
  db: Kysely<any>,
  query: string,
): Promise<T[]> {
  return (await sql<T>`${sql.raw(query)}`.execute(db)).rows;
}

export async function count(db: Kysely<any>, table: string): Promise<number> {
  const r = await rows<{ n: number | string }>(db, `SELECT count(*) AS n FROM "${table}"`);
  return Number(r[0]?.n);
}
