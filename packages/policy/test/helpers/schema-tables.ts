import type { FieldDef, SchemaDef } from '@warden/schema';
import { sql, type Kysely } from 'kysely';
import type { PolicyDialect } from '../../src/index.js';

/**
 * Creates the tables of `schema` with the storage conventions the policy compiler assumes
 * (SQLite: 0/1 booleans, ISO text dates, Decimal text, JSON text lists; PostgreSQL: native
 * types, timestamptz, arrays). Enums are stored as text. Only for tests: the ORM's
 * `pushSchema` owns real migrations.
 */
export async function createTables(
  db: Kysely<any>,
  schema: SchemaDef,
  dialect: PolicyDialect,
): Promise<void> {
  const joinTables = new Map<string, Record<string, string>>();
  for (const model of Object.values(schema.models)) {
    const columns = Object.values(model.fields)
      .filter((f) => f.kind !== 'relation')
      .map((f) => sql`${sql.id(f.dbName)} ${sql.raw(columnType(f, dialect))}`);
    const pk = model.idFields.map((id) => sql.id(model.fields[id]!.dbName));
    await sql`create table ${sql.table(model.dbName)} (${sql.join(columns)}, primary key (${sql.join(pk)}))`.execute(
      db,
    );
    for (const f of Object.values(model.fields)) {
      const join = f.relation?.joinTable;
      if (join) {
        const idField = model.fields[model.idFields[0]!]!;
        const types = joinTables.get(join.name) ?? {};
        types[join.column] = columnType({ ...idField, optional: false }, dialect);
        joinTables.set(join.name, types);
      }
    }
  }
  for (const [name, types] of joinTables) {
    const a = sql.raw(types.A ?? 'text');
    const b = sql.raw(types.B ?? 'text');
    await sql`create table ${sql.table(name)} ("A" ${a}, "B" ${b})`.execute(db);
  }
}

function columnType(f: FieldDef, dialect: PolicyDialect): string {
  const base =
    dialect === 'sqlite'
      ? f.list
        ? 'text'
        : ((
            { Int: 'integer', BigInt: 'integer', Float: 'real', Boolean: 'integer' } as Record<
              string,
              string
            >
          )[f.type] ?? 'text')
      : ((
          {
            Int: 'integer',
            BigInt: 'bigint',
            Float: 'double precision',
            Decimal: 'numeric',
            Boolean: 'boolean',
            DateTime: 'timestamptz',
            Json: 'jsonb',
          } as Record<string, string>
        )[f.type] ?? 'text');
  const list = dialect === 'postgresql' && f.list ? `${base}[]` : base;
  return f.optional ? list : `${list} not null`;
}
