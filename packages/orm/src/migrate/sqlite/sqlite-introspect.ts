import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type {
  DbColumn,
  DbForeignKey,
  DbIndex,
  DbReferentialAction,
  DbState,
  DbTable,
} from '../db-state.js';
import { MIGRATIONS_TABLE } from '../db-state.js';

interface ColumnRow {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}
interface FkRow {
  id: number;
  seq: number;
  table: string;
  from: string;
  to: string | null;
  on_update: string;
  on_delete: string;
}
interface IndexRow {
  name: string;
  unique: number;
  origin: string;
  partial: number;
}

/** Reads tables, columns, keys, indexes and enum CHECKs from `sqlite_master` and pragmas. */
export async function introspectSqlite(db: Kysely<any>): Promise<DbState> {
  const masters = await sql<{ name: string; sql: string | null }>`
    select name, sql from sqlite_master
    where type = 'table' and name not like 'sqlite_%' and name <> ${MIGRATIONS_TABLE}
    order by name`.execute(db);
  const tables: DbTable[] = [];
  for (const { name, sql: ddl } of masters.rows) {
    tables.push(await introspectTable(db, name, ddl ?? ''));
  }
  return { tables, enums: [] };
}

async function introspectTable(db: Kysely<any>, table: string, ddl: string): Promise<DbTable> {
  const cols = (await sql<ColumnRow>`select * from pragma_table_info(${table})`.execute(db)).rows;
  const pkCols = cols
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  const auto = pkCols.length === 1 && /\bAUTOINCREMENT\b/i.test(ddl);
  const columns: DbColumn[] = cols.map((c) => {
    const enumValues = checkValues(ddl, c.name);
    return {
      name: c.name,
      type: c.type,
      notNull: c.notnull === 1 || (auto && c.pk > 0),
      ...(c.dflt_value !== null ? { default: c.dflt_value } : {}),
      autoincrement: auto && c.pk > 0,
      ...(enumValues ? { enumValues } : {}),
      list: false,
    };
  });
  const fkRows = (await sql<FkRow>`select * from pragma_foreign_key_list(${table})`.execute(db))
    .rows;
  const byId = new Map<number, FkRow[]>();
  for (const r of fkRows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  const foreignKeys: DbForeignKey[] = [...byId.values()].map((rows) => {
    rows.sort((a, b) => a.seq - b.seq);
    const from = rows.map((r) => r.from);
    return {
      name: `${table}_${from.join('_')}_fkey`,
      columns: from,
      refTable: rows[0]!.table,
      refColumns: rows.map((r) => r.to ?? ''),
      onDelete: rows[0]!.on_delete.toUpperCase() as DbReferentialAction,
      onUpdate: rows[0]!.on_update.toUpperCase() as DbReferentialAction,
    };
  });
  const ixRows = (await sql<IndexRow>`select * from pragma_index_list(${table})`.execute(db)).rows;
  const indexes: DbIndex[] = [];
  for (const ix of ixRows) {
    // Only indexes made by CREATE INDEX are ours to manage; 'pk' and 'u' belong to the table.
    if (ix.origin !== 'c' || ix.partial === 1) continue;
    const info = await sql<{ seqno: number; name: string | null }>`
      select seqno, name from pragma_index_info(${ix.name}) order by seqno`.execute(db);
    if (info.rows.some((r) => r.name === null)) continue;
    indexes.push({
      name: ix.name,
      columns: info.rows.map((r) => r.name!),
      unique: ix.unique === 1,
    });
  }
  return {
    name: table,
    columns,
    ...(pkCols.length > 0 ? { primaryKey: { name: `${table}_pkey`, columns: pkCols } } : {}),
    foreignKeys,
    indexes,
  };
}

/** Values of the `CHECK ("col" IN (...))` we write for enum columns. */
function checkValues(ddl: string, column: string): string[] | undefined {
  const quoted = `"${column.replaceAll('"', '""')}"`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(
    `CHECK\\s*\\(\\s*${quoted}\\s+IN\\s*\\(((?:\\s*'(?:[^']|'')*'\\s*,?)*)\\)\\s*\\)`,
    'i',
  ).exec(ddl);
  if (!m) return undefined;
  return [...m[1]!.matchAll(/'((?:[^']|'')*)'/g)].map((v) => v[1]!.replaceAll("''", "'"));
}
