import type { EnumDef } from '@warden/schema';
import type { DbState } from './db-state.js';

/**
 * `<base>_<suffix>`, with `base` shortened so the suffix survives the length limit (keeps
 * `..._pkey` and `..._key` names of one long table distinct).
 */
export function derivedName(base: string, suffix: string, max: number): string {
  return `${cutName(base, max - suffix.length - 1)}_${suffix}`;
}

/** Cuts an identifier the way the database would (PostgreSQL: 63 bytes). */
export function cutName(name: string, max: number): string {
  const bytes = Buffer.from(name, 'utf8');
  if (bytes.length <= max) return name;
  return bytes
    .subarray(0, max)
    .toString('utf8')
    .replace(/\uFFFD+$/, '');
}

/** PostgreSQL silently cuts long names; the desired state must say what it will report. */
export function cutIdentifiers(state: DbState, max: number): DbState {
  const cut = (n: string) => cutName(n, max);
  const cuts = (ns: readonly string[]) => ns.map(cut);
  return {
    enums: state.enums.map((e) => ({ name: cut(e.name), values: e.values })),
    tables: state.tables.map((t) => ({
      name: cut(t.name),
      columns: t.columns.map((c) => ({
        ...c,
        name: cut(c.name),
        ...(c.enumType !== undefined ? { enumType: cut(c.enumType) } : {}),
      })),
      ...(t.primaryKey
        ? { primaryKey: { name: cut(t.primaryKey.name), columns: cuts(t.primaryKey.columns) } }
        : {}),
      foreignKeys: t.foreignKeys.map((fk) => ({
        ...fk,
        columns: cuts(fk.columns),
        refTable: cut(fk.refTable),
        refColumns: cuts(fk.refColumns),
      })),
      indexes: t.indexes.map((ix) => ({ ...ix, columns: cuts(ix.columns) })),
    })),
  };
}

/** Enum values as stored: each value's `@map`, else its name. */
export function enumLabels(e: EnumDef): string[] {
  return e.values.map((v) => e.dbNames?.[v] ?? v);
}
