import type { DbColumn, DbForeignKey, DbIndex, DbTable } from '../db-state.js';
import { convertedValue } from '../column-conversion.js';
import type { ColumnChange, SchemaDiff } from '../diff.js';
import { quoteIdent, quoteIdentList, quoteString } from '../sql-text.js';
import { postgresConversion } from './postgres-conversion.js';

/**
 * PostgreSQL statements for a diff, ordered so each step's dependencies exist: types first,
 * then drops, tables and columns, and indexes and foreign keys last (so cycles are fine).
 * A column whose type changes keeps its values with `ALTER COLUMN ... TYPE ... USING` when
 * they convert (see postgresConversion); otherwise it is dropped and re-added, and keys and
 * indexes over it are rebuilt.
 */
export function planPostgres(diff: SchemaDiff): string[] {
  const out: string[] = [];
  const converted = new Set<string>();
  const dropsAndAdds = (a: ColumnChange) => a.type && !postgresConversion(a.from, a.to);
  for (const c of diff.changedTables) {
    for (const a of c.alteredColumns)
      if (a.type && !dropsAndAdds(a)) converted.add(`${c.to.name}.${a.to.name}`);
  }
  const recreatedEnums = diff.changedEnums.filter((e) => !e.addOnly);
  for (const e of diff.changedEnums.filter((c) => c.addOnly)) {
    e.to.values.forEach((v, i) => {
      if (e.from.values.includes(v)) return;
      const place =
        i > 0
          ? `AFTER ${quoteString(e.to.values[i - 1]!)}`
          : `BEFORE ${quoteString(e.from.values[0]!)}`;
      out.push(
        `ALTER TYPE ${quoteIdent(e.to.name)} ADD VALUE IF NOT EXISTS ${quoteString(v)} ${place}`,
      );
    });
  }
  // After ADD VALUE, which must lead the plan: see splitEnumAdditions.
  for (const e of diff.createdEnums) out.push(createEnum(e.name, e.values));
  const touches = (table: string, fk: DbForeignKey, cols: Set<string>) =>
    fk.columns.some((n) => cols.has(`${table}.${n}`)) ||
    fk.refColumns.some((n) => cols.has(`${fk.refTable}.${n}`));
  for (const c of diff.changedTables) {
    for (const fk of c.droppedForeignKeys) {
      out.push(
        `ALTER TABLE ${quoteIdent(c.from.name)} DROP CONSTRAINT IF EXISTS ${quoteIdent(fk.name)}`,
      );
    }
  }
  // A key between columns of different types cannot stand while one side is retyped: the
  // keys over converted columns are dropped here and added back at the end.
  const dropped = new Set(diff.changedTables.flatMap((c) => c.droppedForeignKeys));
  for (const t of diff.from.tables) {
    for (const fk of t.foreignKeys) {
      if (dropped.has(fk) || !touches(t.name, fk, converted)) continue;
      if (diff.droppedTables.some((d) => d.name === t.name)) continue;
      out.push(
        `ALTER TABLE ${quoteIdent(t.name)} DROP CONSTRAINT IF EXISTS ${quoteIdent(fk.name)}`,
      );
    }
  }
  for (const c of diff.changedTables) {
    for (const ix of c.droppedIndexes) out.push(dropIndex(c.from.name, ix));
  }
  for (const t of diff.droppedTables) out.push(`DROP TABLE ${quoteIdent(t.name)} CASCADE`);
  for (const e of recreatedEnums) {
    const old = `${e.from.name}_old`;
    out.push(`ALTER TYPE ${quoteIdent(e.from.name)} RENAME TO ${quoteIdent(old)}`);
    out.push(createEnum(e.to.name, e.to.values));
    for (const c of diff.changedTables) {
      for (const col of c.to.columns) {
        const before = c.from.columns.find((f) => f.name === col.name);
        if (col.enumType !== e.to.name || before?.enumType !== e.from.name) continue;
        const t = quoteIdent(c.to.name);
        const n = quoteIdent(col.name);
        if (before.default !== undefined)
          out.push(`ALTER TABLE ${t} ALTER COLUMN ${n} DROP DEFAULT`);
        const cast = col.list ? `${n}::text[]::${col.type}` : `${n}::text::${col.type}`;
        out.push(`ALTER TABLE ${t} ALTER COLUMN ${n} TYPE ${col.type} USING (${cast})`);
        if (col.default !== undefined)
          out.push(`ALTER TABLE ${t} ALTER COLUMN ${n} SET DEFAULT ${col.default}`);
      }
    }
  }
  for (const t of diff.createdTables) out.push(createTable(t));

  // Columns dropped and re-added take their keys and indexes with them (CASCADE): rebuild those.
  const recreated = new Set<string>();
  const extraIndexes: [string, DbIndex][] = [];
  const extraPks: DbTable[] = [];
  for (const c of diff.changedTables) {
    const t = quoteIdent(c.to.name);
    const retyped = c.alteredColumns.filter(dropsAndAdds).map((a) => a.to);
    for (const col of [...c.droppedColumns, ...retyped]) {
      out.push(`ALTER TABLE ${t} DROP COLUMN ${quoteIdent(col.name)} CASCADE`);
    }
    for (const col of retyped) recreated.add(`${c.to.name}.${col.name}`);
    const hit = (cols: readonly string[]) => cols.some((n) => recreated.has(`${c.to.name}.${n}`));
    const pkLost = c.from.primaryKey && hit(c.from.primaryKey.columns);
    if (c.primaryKeyChanged && c.from.primaryKey && !pkLost) {
      out.push(`ALTER TABLE ${t} DROP CONSTRAINT IF EXISTS ${quoteIdent(c.from.primaryKey.name)}`);
    }
    for (const col of [...c.addedColumns, ...retyped]) {
      out.push(`ALTER TABLE ${t} ADD COLUMN ${columnDef(col)}`);
    }
    for (const a of c.alteredColumns) {
      if (dropsAndAdds(a)) continue;
      const n = quoteIdent(a.to.name);
      if (a.type) out.push(...alterType(t, a));
      if (a.autoincrement && !a.to.autoincrement) {
        out.push(`ALTER TABLE ${t} ALTER COLUMN ${n} DROP IDENTITY IF EXISTS`);
        if (a.from.default === undefined && a.to.default === undefined) {
          out.push(`ALTER TABLE ${t} ALTER COLUMN ${n} DROP DEFAULT`);
        }
      }
      if (a.notNull)
        out.push(`ALTER TABLE ${t} ALTER COLUMN ${n} ${a.to.notNull ? 'SET' : 'DROP'} NOT NULL`);
      if (a.default) {
        out.push(
          a.to.default === undefined
            ? `ALTER TABLE ${t} ALTER COLUMN ${n} DROP DEFAULT`
            : `ALTER TABLE ${t} ALTER COLUMN ${n} SET DEFAULT ${a.to.default}`,
        );
      }
      if (a.autoincrement && a.to.autoincrement) {
        out.push(`ALTER TABLE ${t} ALTER COLUMN ${n} ADD GENERATED BY DEFAULT AS IDENTITY`);
        out.push(
          `SELECT setval(pg_get_serial_sequence(${quoteString(quoteIdent(c.to.name))}, ${quoteString(a.to.name)}), ` +
            `coalesce(max(${n}), 0) + 1, false) FROM ${t}`,
        );
      }
    }
    if ((c.primaryKeyChanged || pkLost) && c.to.primaryKey) extraPks.push(c.to);
    for (const ix of c.to.indexes) {
      if (!c.addedIndexes.includes(ix) && hit(ix.columns)) extraIndexes.push([c.to.name, ix]);
    }
  }
  for (const t of extraPks) {
    out.push(
      `ALTER TABLE ${quoteIdent(t.name)} ADD CONSTRAINT ${quoteIdent(t.primaryKey!.name)} PRIMARY KEY (${quoteIdentList(t.primaryKey!.columns)})`,
    );
  }
  for (const e of recreatedEnums) out.push(`DROP TYPE ${quoteIdent(`${e.from.name}_old`)}`);
  for (const e of diff.droppedEnums) out.push(`DROP TYPE ${quoteIdent(e.name)}`);

  for (const t of diff.createdTables) for (const ix of t.indexes) out.push(createIndex(t.name, ix));
  for (const c of diff.changedTables)
    for (const ix of c.addedIndexes) out.push(createIndex(c.to.name, ix));
  for (const [table, ix] of extraIndexes) out.push(createIndex(table, ix));

  const fks: [string, DbForeignKey][] = [];
  for (const t of diff.createdTables) for (const fk of t.foreignKeys) fks.push([t.name, fk]);
  for (const c of diff.changedTables)
    for (const fk of c.addedForeignKeys) fks.push([c.to.name, fk]);
  if (recreated.size + converted.size > 0) {
    // Keys on or pointing at a re-added column were dropped by CASCADE, those over a converted
    // column above.
    const rebuilt = new Set([...recreated, ...converted]);
    const created = new Set(diff.createdTables.map((t) => t.name));
    for (const t of diff.to.tables) {
      if (created.has(t.name)) continue;
      for (const fk of t.foreignKeys) {
        if (fks.some(([, f]) => f === fk)) continue;
        if (touches(t.name, fk, rebuilt)) fks.push([t.name, fk]);
      }
    }
  }
  for (const [table, fk] of fks) {
    out.push(
      `ALTER TABLE ${quoteIdent(table)} ADD CONSTRAINT ${quoteIdent(fk.name)} FOREIGN KEY (${quoteIdentList(fk.columns)}) ` +
        `REFERENCES ${quoteIdent(fk.refTable)} (${quoteIdentList(fk.refColumns)}) ` +
        `ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`,
    );
  }
  return out;
}

/**
 * Retypes a column in place. The old default may not fit the new type, so it goes first and
 * the new one comes back after; PostgreSQL rebuilds indexes and keys over the column itself.
 */
function alterType(t: string, a: ColumnChange): string[] {
  const n = quoteIdent(a.to.name);
  const out: string[] = [];
  if (a.from.default !== undefined) out.push(`ALTER TABLE ${t} ALTER COLUMN ${n} DROP DEFAULT`);
  const value = convertedValue(postgresConversion(a.from, a.to)!, a, n);
  out.push(`ALTER TABLE ${t} ALTER COLUMN ${n} TYPE ${a.to.type} USING (${value})`);
  if (a.to.default !== undefined && !a.to.autoincrement)
    out.push(`ALTER TABLE ${t} ALTER COLUMN ${n} SET DEFAULT ${a.to.default}`);
  return out;
}

function createEnum(name: string, values: readonly string[]): string {
  return `CREATE TYPE ${quoteIdent(name)} AS ENUM (${values.map(quoteString).join(', ')})`;
}

function createTable(t: DbTable): string {
  const parts = t.columns.map((c) => `  ${columnDef(c)}`);
  if (t.primaryKey) {
    parts.push(
      `  CONSTRAINT ${quoteIdent(t.primaryKey.name)} PRIMARY KEY (${quoteIdentList(t.primaryKey.columns)})`,
    );
  }
  return `CREATE TABLE ${quoteIdent(t.name)} (\n${parts.join(',\n')}\n)`;
}

function columnDef(c: DbColumn): string {
  let s = `${quoteIdent(c.name)} ${c.type}`;
  if (c.autoincrement) s += ' GENERATED BY DEFAULT AS IDENTITY';
  if (c.notNull) s += ' NOT NULL';
  if (c.default !== undefined && !c.autoincrement) s += ` DEFAULT ${c.default}`;
  return s;
}

function createIndex(table: string, ix: DbIndex): string {
  return `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(ix.name)} ON ${quoteIdent(table)} (${quoteIdentList(ix.columns)})`;
}

function dropIndex(table: string, ix: DbIndex): string {
  return ix.constraint
    ? `ALTER TABLE ${quoteIdent(table)} DROP CONSTRAINT IF EXISTS ${quoteIdent(ix.name)}`
    : `DROP INDEX IF EXISTS ${quoteIdent(ix.name)}`;
}
