import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DbColumn } from './db-state.js';
import type { MigrateDialect } from './dialect.js';
import type { SchemaDiff, TableChange } from './diff.js';
import { quoteIdent, quoteIdentList, quoteString } from './sql-text.js';

/** A change that would lose data, and the statements that make way for it when accepted. */
export interface Hazard {
  readonly message: string;
  /** Data changes run before the structural ones (deleting or filling the rows in the way). */
  readonly fixups: readonly string[];
}

/**
 * Finds the data a diff would lose by counting rows in the current database: dropped tables
 * and columns, retyped columns that cannot keep their values, values of retyped columns that
 * do not convert, new required columns, new NOT NULLs over NULLs, new uniques over duplicates,
 * and removed enum values still in use.
 */
export async function findHazards(
  db: Kysely<any>,
  dialect: MigrateDialect,
  diff: SchemaDiff,
): Promise<Hazard[]> {
  const count = async (query: string): Promise<number> => {
    const r = await sql<{ n: number | string | null }>`${sql.raw(query)}`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  };
  const first = async (query: string): Promise<string> => {
    const r = await sql<{ v: unknown }>`${sql.raw(query)}`.execute(db);
    const v = r.rows[0]?.v;
    return typeof v === 'string' ? quoteString(v) : String(v);
  };
  const hazards: Hazard[] = [];
  for (const t of diff.droppedTables) {
    const n = await count(`SELECT count(*) AS n FROM ${quoteIdent(t.name)}`);
    if (n > 0)
      hazards.push({
        message: `table "${t.name}" would be dropped with its ${n} row(s)`,
        fixups: [],
      });
  }
  for (const c of diff.changedTables)
    hazards.push(...(await tableHazards(c, dialect, count, first)));
  return hazards;
}

async function tableHazards(
  c: TableChange,
  dialect: MigrateDialect,
  count: (query: string) => Promise<number>,
  first: (query: string) => Promise<string>,
): Promise<Hazard[]> {
  const out: Hazard[] = [];
  const t = quoteIdent(c.from.name);
  const where = (col: string) => `${c.from.name}.${col}`;
  const nonNull = (col: string) =>
    count(`SELECT count(*) AS n FROM ${t} WHERE ${quoteIdent(col)} IS NOT NULL`);
  const rows = await count(`SELECT count(*) AS n FROM ${t}`);
  if (rows === 0) return out;
  for (const col of c.droppedColumns) {
    const n = await nonNull(col.name);
    if (n > 0)
      out.push({
        message: `column ${where(col.name)} would be dropped: ${n} non-null value(s) lost`,
        fixups: [],
      });
  }
  const retyped = c.alteredColumns.filter((a) => a.type);
  const lost = retyped.filter((a) => !dialect.columnConversion(a.from, a.to));
  for (const a of lost) {
    const n = await nonNull(a.from.name);
    if (n > 0) {
      out.push({
        message: `column ${where(a.from.name)} changes type from ${a.from.type} to ${a.to.type}, which cannot keep its values: ${n} value(s) lost`,
        fixups: [],
      });
    }
  }
  for (const a of retyped) {
    const conv = dialect.columnConversion(a.from, a.to);
    if (!conv?.invalid) continue;
    const col = quoteIdent(a.from.name);
    const bad = `${col} IS NOT NULL AND (${conv.invalid(col)})`;
    const n = await count(`SELECT count(*) AS n FROM ${t} WHERE ${bad}`);
    if (n === 0) continue;
    const example = await first(`SELECT ${col} AS v FROM ${t} WHERE ${bad} LIMIT 1`);
    // Only a column nullable before and after can be cleared before it is retyped.
    const clear = !a.from.notNull && !a.to.notNull;
    out.push({
      message:
        `column ${where(a.from.name)} changes type from ${a.from.type} to ${a.to.type}: ` +
        `${n} value(s) do not convert (e.g. ${example}) and would be ${clear ? 'set to NULL' : 'deleted with their rows'}`,
      fixups: [
        clear ? `UPDATE ${t} SET ${col} = NULL WHERE ${bad}` : `DELETE FROM ${t} WHERE ${bad}`,
      ],
    });
  }
  const needsValue = (col: DbColumn) =>
    col.notNull && col.default === undefined && !col.autoincrement;
  for (const col of [...c.addedColumns, ...lost.map((a) => a.to)].filter(needsValue)) {
    out.push({
      message: `required column ${where(col.name)} has no default and ${c.from.name} has ${rows} row(s): they would be deleted`,
      fixups: [`DELETE FROM ${t}`],
    });
  }
  for (const a of c.alteredColumns) {
    if (lost.includes(a) || !a.notNull || !a.to.notNull) continue;
    const n = await count(`SELECT count(*) AS n FROM ${t} WHERE ${quoteIdent(a.to.name)} IS NULL`);
    if (n === 0) continue;
    const col = quoteIdent(a.to.name);
    out.push(
      a.to.default !== undefined
        ? {
            message: `column ${where(a.to.name)} becomes required: ${n} row(s) with NULL would get the default ${a.to.default}`,
            // A retyped column takes the default in its conversion (the old type may not hold it).
            fixups: a.type ? [] : [`UPDATE ${t} SET ${col} = ${a.to.default} WHERE ${col} IS NULL`],
          }
        : {
            message: `column ${where(a.to.name)} becomes required: ${n} row(s) with NULL would be deleted`,
            fixups: [`DELETE FROM ${t} WHERE ${col} IS NULL`],
          },
    );
  }
  for (const a of c.alteredColumns) {
    if (a.type || a.to.list || !a.from.enumValues || !a.to.enumValues) continue;
    const removed = a.from.enumValues.filter((v) => !a.to.enumValues!.includes(v));
    if (removed.length === 0) continue;
    const col = quoteIdent(a.to.name);
    const inList = `${col}${dialect.name === 'postgresql' ? '::text' : ''} IN (${removed.map(quoteString).join(', ')})`;
    const n = await count(`SELECT count(*) AS n FROM ${t} WHERE ${inList}`);
    if (n === 0) continue;
    const clear = !a.to.notNull;
    out.push({
      message:
        `column ${where(a.to.name)}: ${n} row(s) hold removed enum value(s) ${removed.join(', ')} ` +
        `and would be ${clear ? 'set to NULL' : 'deleted'}`,
      fixups: [
        clear
          ? `UPDATE ${t} SET ${col} = NULL WHERE ${inList}`
          : `DELETE FROM ${t} WHERE ${inList}`,
      ],
    });
  }
  const existing = new Set(c.from.columns.map((col) => col.name));
  const retypedNames = new Set(retyped.map((a) => a.to.name));
  for (const ix of c.addedIndexes) {
    if (!ix.unique || !ix.columns.every((n) => existing.has(n) && !retypedNames.has(n))) continue;
    const notNull = ix.columns.map((n) => `${quoteIdent(n)} IS NOT NULL`).join(' AND ');
    const cols = quoteIdentList(ix.columns);
    const n = await count(
      `SELECT coalesce(sum(d.k - 1), 0) AS n FROM (SELECT count(*) AS k FROM ${t} WHERE ${notNull} GROUP BY ${cols} HAVING count(*) > 1) d`,
    );
    if (n === 0) continue;
    out.push({
      message: `new unique index "${ix.name}" on ${c.from.name}(${ix.columns.join(', ')}): ${n} duplicate row(s) would be deleted`,
      fixups: [dedupe(dialect, t, ix.columns, notNull)],
    });
  }
  return out;
}

/** Keeps the first row of each duplicate group. */
function dedupe(
  dialect: MigrateDialect,
  t: string,
  columns: readonly string[],
  notNull: string,
): string {
  if (dialect.name === 'sqlite') {
    return (
      `DELETE FROM ${t} WHERE ${notNull} AND rowid NOT IN ` +
      `(SELECT min(rowid) FROM ${t} WHERE ${notNull} GROUP BY ${quoteIdentList(columns)})`
    );
  }
  const same = columns.map((n) => `x.${quoteIdent(n)} = y.${quoteIdent(n)}`).join(' AND ');
  return `DELETE FROM ${t} x USING ${t} y WHERE x.ctid > y.ctid AND ${same}`;
}
