import type { SchemaDef } from '@warden/schema';
import { createTestDatabase, type TestDialect } from '@warden/test-kit';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { toDbValue } from '../../src/compile/db-values.js';
import type { PolicyRow } from '../../src/index.js';
import { createTables } from './schema-tables.js';

/** Rows per model (JavaScript values, keyed by field name); m2m links under `_<Relation>`. */
export type Dataset = Record<string, PolicyRow[]>;

export interface PolicyTestDb {
  readonly dialect: TestDialect;
  readonly db: Kysely<any>;
  close(): Promise<void>;
}

export async function openPolicyDb(dialect: TestDialect): Promise<PolicyTestDb> {
  const test = await createTestDatabase(dialect);
  const db =
    dialect === 'sqlite'
      ? new Kysely<any>({
          dialect: new SqliteDialect({ database: new Database(test.url.slice('file:'.length)) }),
        })
      : new Kysely<any>({
          dialect: new PostgresDialect({
            pool: new pg.Pool({ connectionString: test.url, max: 2 }),
          }),
        });
  return {
    dialect,
    db,
    close: async () => {
      await db.destroy();
      await test.drop();
    },
  };
}

/** Drops every table of the test database's public schema (PostgreSQL) or file (SQLite). */
export async function resetTables(t: PolicyTestDb, schema: SchemaDef): Promise<void> {
  const names = new Set<string>();
  for (const m of Object.values(schema.models)) {
    names.add(m.dbName);
    for (const f of Object.values(m.fields))
      if (f.relation?.joinTable) names.add(f.relation.joinTable.name);
  }
  for (const n of names) await sql`drop table if exists ${sql.table(n)}`.execute(t.db);
}

export async function loadData(
  t: PolicyTestDb,
  schema: SchemaDef,
  data: Dataset,
  create = true,
): Promise<void> {
  if (create) {
    await resetTables(t, schema);
    await createTables(t.db, schema, t.dialect);
  }
  for (const [name, rows] of Object.entries(data)) {
    if (rows.length === 0) continue;
    const model = schema.models[name];
    if (!model) {
      await t.db
        .insertInto(name)
        .values(rows as Record<string, unknown>[])
        .execute();
      continue;
    }
    const values = rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const f of Object.values(model.fields)) {
        if (f.kind === 'relation' || !(f.name in row)) continue;
        const v = row[f.name];
        if (f.list && Array.isArray(v)) {
          const items = v.map((i) => toDbValue(schema, t.dialect, { ...f, list: false }, i));
          out[f.dbName] = t.dialect === 'sqlite' ? JSON.stringify(items) : items;
        } else {
          out[f.dbName] = toDbValue(schema, t.dialect, f, v);
        }
      }
      return out;
    });
    await t.db.insertInto(model.dbName).values(values).execute();
  }
}
