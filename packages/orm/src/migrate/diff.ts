import type { DbColumn, DbEnum, DbForeignKey, DbIndex, DbState, DbTable } from './db-state.js';
import type { MigrateDialect } from './dialect.js';

/** What separates two database states, table by table. */
export interface SchemaDiff {
  readonly from: DbState;
  readonly to: DbState;
  readonly createdTables: readonly DbTable[];
  readonly droppedTables: readonly DbTable[];
  readonly changedTables: readonly TableChange[];
  readonly createdEnums: readonly DbEnum[];
  readonly droppedEnums: readonly DbEnum[];
  readonly changedEnums: readonly EnumChange[];
}

export interface EnumChange {
  readonly from: DbEnum;
  readonly to: DbEnum;
  /** Values only added (in place): `ADD VALUE` suffices; otherwise the type is recreated. */
  readonly addOnly: boolean;
}

export interface TableChange {
  readonly from: DbTable;
  readonly to: DbTable;
  readonly addedColumns: readonly DbColumn[];
  readonly droppedColumns: readonly DbColumn[];
  readonly alteredColumns: readonly ColumnChange[];
  readonly primaryKeyChanged: boolean;
  readonly addedForeignKeys: readonly DbForeignKey[];
  readonly droppedForeignKeys: readonly DbForeignKey[];
  readonly addedIndexes: readonly DbIndex[];
  readonly droppedIndexes: readonly DbIndex[];
}

export interface ColumnChange {
  readonly from: DbColumn;
  readonly to: DbColumn;
  readonly type: boolean;
  readonly notNull: boolean;
  readonly default: boolean;
  readonly autoincrement: boolean;
  /** The allowed enum values differ (SQLite CHECK; PostgreSQL handles it on the enum type). */
  readonly enumValues: boolean;
}

type Normalizers = Pick<MigrateDialect, 'normalizeType' | 'normalizeDefault'>;

export function diffStates(from: DbState, to: DbState, dialect: Normalizers): SchemaDiff {
  const fromTables = new Map(from.tables.map((t) => [t.name, t]));
  const toTables = new Map(to.tables.map((t) => [t.name, t]));
  const changedTables: TableChange[] = [];
  for (const t of to.tables) {
    const old = fromTables.get(t.name);
    if (!old) continue;
    const change = diffTable(old, t, dialect);
    if (change) changedTables.push(change);
  }
  const fromEnums = new Map(from.enums.map((e) => [e.name, e]));
  const toEnums = new Map(to.enums.map((e) => [e.name, e]));
  const changedEnums: EnumChange[] = [];
  for (const e of to.enums) {
    const old = fromEnums.get(e.name);
    if (!old || sameList(old.values, e.values)) continue;
    // ADD VALUE keeps existing order, so "add only" means old values appear in the same order.
    const kept = e.values.filter((v) => old.values.includes(v));
    changedEnums.push({ from: old, to: e, addOnly: sameList(kept, old.values) });
  }
  return {
    from,
    to,
    createdTables: to.tables.filter((t) => !fromTables.has(t.name)),
    droppedTables: from.tables.filter((t) => !toTables.has(t.name)),
    changedTables,
    createdEnums: to.enums.filter((e) => !fromEnums.has(e.name)),
    droppedEnums: from.enums.filter((e) => !toEnums.has(e.name)),
    changedEnums,
  };
}

export function isEmptyDiff(d: SchemaDiff): boolean {
  return (
    d.createdTables.length +
      d.droppedTables.length +
      d.changedTables.length +
      d.createdEnums.length +
      d.droppedEnums.length +
      d.changedEnums.length ===
    0
  );
}

function diffTable(from: DbTable, to: DbTable, dialect: Normalizers): TableChange | undefined {
  const fromCols = new Map(from.columns.map((c) => [c.name, c]));
  const toCols = new Map(to.columns.map((c) => [c.name, c]));
  const alteredColumns: ColumnChange[] = [];
  for (const c of to.columns) {
    const old = fromCols.get(c.name);
    if (!old) continue;
    const change = diffColumn(old, c, dialect);
    if (change) alteredColumns.push(change);
  }
  const fkKey = (fk: DbForeignKey) =>
    JSON.stringify([fk.columns, fk.refTable, fk.refColumns, fk.onDelete, fk.onUpdate]);
  const ixKey = (ix: DbIndex) => JSON.stringify([ix.name, ix.columns, ix.unique]);
  const fromFks = new Set(from.foreignKeys.map(fkKey));
  const toFks = new Set(to.foreignKeys.map(fkKey));
  const fromIxs = new Set(from.indexes.map(ixKey));
  const toIxs = new Set(to.indexes.map(ixKey));
  const change: TableChange = {
    from,
    to,
    addedColumns: to.columns.filter((c) => !fromCols.has(c.name)),
    droppedColumns: from.columns.filter((c) => !toCols.has(c.name)),
    alteredColumns,
    primaryKeyChanged: !sameList(from.primaryKey?.columns ?? [], to.primaryKey?.columns ?? []),
    addedForeignKeys: to.foreignKeys.filter((fk) => !fromFks.has(fkKey(fk))),
    droppedForeignKeys: from.foreignKeys.filter((fk) => !toFks.has(fkKey(fk))),
    addedIndexes: to.indexes.filter((ix) => !fromIxs.has(ixKey(ix))),
    droppedIndexes: from.indexes.filter((ix) => !toIxs.has(ixKey(ix))),
  };
  const empty =
    change.addedColumns.length +
      change.droppedColumns.length +
      alteredColumns.length +
      change.addedForeignKeys.length +
      change.droppedForeignKeys.length +
      change.addedIndexes.length +
      change.droppedIndexes.length ===
      0 && !change.primaryKeyChanged;
  return empty ? undefined : change;
}

function diffColumn(from: DbColumn, to: DbColumn, dialect: Normalizers): ColumnChange | undefined {
  const type = dialect.normalizeType(from.type) !== dialect.normalizeType(to.type);
  const norm = (d: string | undefined, t: string) =>
    d === undefined ? undefined : dialect.normalizeDefault(d, t);
  const change: ColumnChange = {
    from,
    to,
    type,
    notNull: from.notNull !== to.notNull,
    default: !type && norm(from.default, from.type) !== norm(to.default, to.type),
    autoincrement: from.autoincrement !== to.autoincrement,
    enumValues: !sameList(from.enumValues ?? [], to.enumValues ?? []),
  };
  return change.type ||
    change.notNull ||
    change.default ||
    change.autoincrement ||
    change.enumValues
    ? change
    : undefined;
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
