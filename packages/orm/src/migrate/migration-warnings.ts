import type { ColumnConverter } from './column-conversion.js';
import type { SchemaDiff } from './diff.js';

/**
 * What a migration may lose or where it may fail, from the diff alone (the data is not known
 * when it is written); these become comments at the top of `migration.sql`.
 */
export function migrationWarnings(diff: SchemaDiff, convert: ColumnConverter): string[] {
  const out: string[] = [];
  for (const t of diff.droppedTables) out.push(`table "${t.name}" is dropped with all its rows`);
  for (const c of diff.changedTables) {
    const at = (n: string) => `${c.to.name}.${n}`;
    for (const col of c.droppedColumns)
      out.push(`column ${at(col.name)} is dropped with its values`);
    for (const a of c.alteredColumns) {
      const conv = a.type ? convert(a.from, a.to) : undefined;
      const retype = `column ${at(a.to.name)} changes type from ${a.from.type} to ${a.to.type}`;
      if (a.type && !conv)
        out.push(
          `${retype}, which cannot keep its values: it is dropped and re-added, its values are lost`,
        );
      else if (conv?.risky)
        out.push(`${retype}: its values are converted; fails if a value does not convert`);
      if (a.notNull && a.to.notNull && !(a.type && !conv))
        out.push(
          conv && a.to.default !== undefined
            ? `column ${at(a.to.name)} becomes required: NULLs get the default ${a.to.default}`
            : `column ${at(a.to.name)} becomes required: fails if it holds NULLs`,
        );
      const removed = (a.from.enumValues ?? []).filter(
        (v) => a.to.enumValues && !a.to.enumValues.includes(v),
      );
      if (removed.length > 0)
        out.push(
          `column ${at(a.to.name)} loses enum value(s) ${removed.join(', ')}: fails if rows use them`,
        );
    }
    for (const col of c.addedColumns) {
      if (col.notNull && col.default === undefined && !col.autoincrement) {
        out.push(`required column ${at(col.name)} has no default: fails if ${c.to.name} has rows`);
      }
    }
    for (const ix of c.addedIndexes) {
      if (ix.unique)
        out.push(`unique index "${ix.name}" on ${c.to.name}: fails if values are duplicated`);
    }
  }
  return out;
}
