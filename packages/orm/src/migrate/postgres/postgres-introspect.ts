import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type {
  DbColumn,
  DbEnum,
  DbForeignKey,
  DbIndex,
  DbReferentialAction,
  DbState,
  DbTable,
} from '../db-state.js';
import { MIGRATIONS_TABLE } from '../db-state.js';

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  not_null: boolean;
  column_default: string | null;
  identity: string;
  enum_type: string | null;
  is_array: boolean;
}
interface ConstraintRow {
  conname: string;
  contype: 'p' | 'f';
  table_name: string;
  columns: string[];
  ref_table: string | null;
  ref_columns: string[] | null;
  confdeltype: string;
  confupdtype: string;
}
interface IndexRow {
  index_name: string;
  table_name: string;
  is_unique: boolean;
  columns: string[];
  is_constraint: boolean;
}

const actions: Record<string, DbReferentialAction> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

/** Reads the current schema (`current_schema()`) from pg_catalog. */
export async function introspectPostgres(db: Kysely<any>): Promise<DbState> {
  const tableRows = await sql<{ relname: string }>`
    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and c.relname <> ${MIGRATIONS_TABLE}
    order by c.relname`.execute(db);
  const columnRows = await sql<ColumnRow>`
    select c.relname as table_name, a.attname as column_name,
      format_type(a.atttypid, a.atttypmod) as data_type, a.attnotnull as not_null,
      pg_get_expr(d.adbin, d.adrelid) as column_default, a.attidentity as identity,
      case when t.typtype = 'e' then t.typname when et.typtype = 'e' then et.typname end as enum_type,
      t.typcategory = 'A' as is_array
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_type t on t.oid = a.atttypid
    left join pg_type et on et.oid = t.typelem and t.typcategory = 'A'
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
    order by c.relname, a.attnum`.execute(db);
  const constraintRows = await sql<ConstraintRow>`
    select con.conname, con.contype, c.relname as table_name,
      array(select att.attname from unnest(con.conkey) with ordinality k(attnum, ord)
        join pg_attribute att on att.attrelid = con.conrelid and att.attnum = k.attnum order by k.ord)::text[] as columns,
      rc.relname as ref_table,
      array(select att.attname from unnest(con.confkey) with ordinality k(attnum, ord)
        join pg_attribute att on att.attrelid = con.confrelid and att.attnum = k.attnum order by k.ord)::text[] as ref_columns,
      con.confdeltype, con.confupdtype
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_class rc on rc.oid = con.confrelid
    where n.nspname = current_schema() and con.contype in ('p', 'f')
    order by con.conname`.execute(db);
  const indexRows = await sql<IndexRow>`
    select ic.relname as index_name, c.relname as table_name, i.indisunique as is_unique,
      array(select att.attname from unnest(i.indkey::int2[]) with ordinality k(attnum, ord)
        join pg_attribute att on att.attrelid = i.indrelid and att.attnum = k.attnum order by k.ord)::text[] as columns,
      exists (select 1 from pg_constraint con where con.conindid = i.indexrelid and con.contype = 'u') as is_constraint
    from pg_index i
    join pg_class ic on ic.oid = i.indexrelid
    join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and not i.indisprimary
      and i.indexprs is null and i.indpred is null
    order by ic.relname`.execute(db);
  const enumRows = await sql<{ typname: string; enumlabel: string }>`
    select t.typname, e.enumlabel from pg_type t
    join pg_enum e on e.enumtypid = t.oid
    join pg_namespace n on n.oid = t.typnamespace
    where n.nspname = current_schema()
    order by t.typname, e.enumsortorder`.execute(db);

  const enums = new Map<string, string[]>();
  for (const r of enumRows.rows)
    enums.set(r.typname, [...(enums.get(r.typname) ?? []), r.enumlabel]);
  const tables: DbTable[] = tableRows.rows.map(({ relname }) => {
    const columns: DbColumn[] = columnRows.rows
      .filter((r) => r.table_name === relname)
      .map((r) => {
        const serial = r.column_default?.startsWith('nextval(') ?? false;
        const values = r.enum_type ? enums.get(r.enum_type) : undefined;
        return {
          name: r.column_name,
          type: r.data_type,
          notNull: r.not_null,
          ...(r.column_default !== null && !serial ? { default: r.column_default } : {}),
          autoincrement: r.identity !== '' || serial,
          ...(values ? { enumValues: values } : {}),
          ...(r.enum_type ? { enumType: r.enum_type } : {}),
          list: r.is_array,
        };
      });
    const mine = constraintRows.rows.filter((r) => r.table_name === relname);
    const pk = mine.find((r) => r.contype === 'p');
    const foreignKeys: DbForeignKey[] = mine
      .filter((r) => r.contype === 'f')
      .map((r) => ({
        name: r.conname,
        columns: r.columns,
        refTable: r.ref_table ?? '',
        refColumns: r.ref_columns ?? [],
        onDelete: actions[r.confdeltype] ?? 'NO ACTION',
        onUpdate: actions[r.confupdtype] ?? 'NO ACTION',
      }));
    const indexes: DbIndex[] = indexRows.rows
      .filter((r) => r.table_name === relname)
      .map((r) => ({
        name: r.index_name,
        columns: r.columns,
        unique: r.is_unique,
        ...(r.is_constraint ? { constraint: true } : {}),
      }));
    return {
      name: relname,
      columns,
      ...(pk ? { primaryKey: { name: pk.conname, columns: pk.columns } } : {}),
      foreignKeys,
      indexes,
    };
  });
  const enumList: DbEnum[] = [...enums].map(([name, values]) => ({ name, values }));
  return { tables, enums: enumList };
}
