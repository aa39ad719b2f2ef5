import type { DbColumn, DbIndex, DbTable } from '../db-state.js';
import { convertedValue } from '../column-conversion.js';
import type { SchemaDiff, TableChange } from '../diff.js';
import { quoteIdent, quoteIdentList, quoteString } from '../sql-text.js';
import { sqliteConversion } from './sqlite-conversion.js';

/**
 * SQLite statements for a diff. SQLite alters little in place, so any change to a table's
 * columns or keys rebuilds it: create the new shape, copy the rows, drop, rename. The caller
 * runs them with foreign keys off and checks them before commit. A retyped column's values are
 * converted on the copy (see sqliteConversion), or left out when they cannot be kept.
 */
export function planSqlite(diff: SchemaDiff): string[] {
  const out: string[] = [];
  const rebuilt = new Set(diff.changedTables.filter(needsRebuild).map((c) => c.to.name));
  for (const c of diff.changedTables) {
    if (rebuilt.has(c.to.name)) continue;
    for (const ix of c.droppedIndexes) out.push(`DROP INDEX IF EXISTS ${quoteIdent(ix.name)}`);
  }
  for (const t of diff.droppedTables) out.push(`DROP TABLE ${quoteIdent(t.name)}`);
  for (const t of diff.createdTables) {
    out.push(createTable(t, t.name));
    for (const ix of t.indexes) out.push(createIndex(t.name, ix));
  }
  for (const c of diff.changedTables) {
    if (rebuilt.has(c.to.name)) {
      out.push(...rebuild(c));
      continue;
    }
    for (const col of c.addedColumns) {
      out.push(`ALTER TABLE ${quoteIdent(c.to.name)} ADD COLUMN ${columnDef(col, false)}`);
    }
    for (const ix of c.addedIndexes) out.push(createIndex(c.to.name, ix));
  }
  return out;
}

function needsRebuild(c: TableChange): boolean {
  return (
    c.droppedColumns.length > 0 ||
    c.alteredColumns.length > 0 ||
    c.primaryKeyChanged ||
    c.addedForeignKeys.length > 0 ||
    c.droppedForeignKeys.length > 0 ||
    c.addedColumns.some(
      (col) => col.notNull && (col.default === undefined || col.default.startsWith('(')),
    )
  );
}

function rebuild(c: TableChange): string[] {
  const name = c.to.name;
  const temp = `_warden_new_${name}`;
  const fromNames = new Set(c.from.columns.map((col) => col.name));
  const changes = new Map(c.alteredColumns.filter((a) => a.type).map((a) => [a.to.name, a]));
  const copied: [string, string][] = [];
  const checks: string[] = [];
  for (const col of c.to.columns) {
    if (!fromNames.has(col.name)) continue;
    const n = quoteIdent(col.name);
    const a = changes.get(col.name);
    if (!a) {
      copied.push([n, n]);
      continue;
    }
    const conv = sqliteConversion(a.from, a.to);
    if (!conv) continue;
    copied.push([n, convertedValue(conv, a, n)]);
    if (conv.invalid)
      checks.push(...convertCheck(name, col, `${n} IS NOT NULL AND (${conv.invalid(n)})`));
  }
  const out = [...checks];
  out.push(createTable(c.to, temp));
  if (copied.length > 0) {
    const into = copied.map(([n]) => n).join(', ');
    const values = copied.map(([, v]) => v).join(', ');
    out.push(`INSERT INTO ${quoteIdent(temp)} (${into}) SELECT ${values} FROM ${quoteIdent(name)}`);
  }
  out.push(`DROP TABLE ${quoteIdent(name)}`);
  out.push(`ALTER TABLE ${quoteIdent(temp)} RENAME TO ${quoteIdent(name)}`);
  for (const ix of c.to.indexes) out.push(createIndex(name, ix));
  return out;
}

/**
 * Fails the change, naming the column, when a row holds a value that would not convert.
 * SQLite has no RAISE outside triggers: a named CHECK on a scratch table does it.
 */
function convertCheck(table: string, col: DbColumn, invalid: string): string[] {
  const target = col.list ? `${col.scalar ?? col.type}[]` : (col.scalar ?? col.type);
  const why = `${table}.${col.name}: value(s) do not convert to ${target}`;
  return [
    `CREATE TEMP TABLE "_warden_check" ("bad" INTEGER CONSTRAINT ${quoteIdent(why)} CHECK ("bad" = 0))`,
    `INSERT INTO temp."_warden_check" ("bad") SELECT count(*) FROM ${quoteIdent(table)} WHERE ${invalid}`,
    `DROP TABLE temp."_warden_check"`,
  ];
}

export function createTable(t: DbTable, name: string): string {
  const inlinePk = t.columns.find((c) => c.autoincrement);
  const parts = t.columns.map((c) => `  ${columnDef(c, c === inlinePk)}`);
  if (t.primaryKey && !inlinePk) {
    parts.push(
      `  CONSTRAINT ${quoteIdent(t.primaryKey.name)} PRIMARY KEY (${quoteIdentList(t.primaryKey.columns)})`,
    );
  }
  for (const fk of t.foreignKeys) {
    parts.push(
      `  CONSTRAINT ${quoteIdent(fk.name)} FOREIGN KEY (${quoteIdentList(fk.columns)}) ` +
        `REFERENCES ${quoteIdent(fk.refTable)} (${quoteIdentList(fk.refColumns)}) ` +
        `ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`,
    );
  }
  return `CREATE TABLE ${quoteIdent(name)} (\n${parts.join(',\n')}\n)`;
}

function columnDef(c: DbColumn, inlinePk: boolean): string {
  let s = `${quoteIdent(c.name)} ${c.type}`;
  if (c.notNull) s += ' NOT NULL';
  if (inlinePk) s += ' PRIMARY KEY AUTOINCREMENT';
  if (c.default !== undefined) s += ` DEFAULT ${c.default}`;
  if (c.enumValues && !c.list) {
    s += ` CHECK (${quoteIdent(c.name)} IN (${c.enumValues.map(quoteString).join(', ')}))`;
  }
  return s;
}

function createIndex(table: string, ix: DbIndex): string {
  return `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(ix.name)} ON ${quoteIdent(table)} (${quoteIdentList(ix.columns)})`;
}
