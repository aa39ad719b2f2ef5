import type { SchemaDiff } from './diff.js';

/**
 * What a migration may lose, from the diff alone (the data is not known when it is written);
 * these become comments at the top of `migration.sql`.
 */
export function migrationWarnings(diff: SchemaDiff): string[] {
  const out: string[] = [];
  for (const t of diff.droppedTables) out.push(`table "${t.name}" is dropped with all its rows`);
  for (const c of diff.changedTables) {
    const at = (n: string) => `${c.to.name}.${n}`;
    for (const col of c.droppedColumns)
      out.push(`column ${at(col.name)} is dropped with its values`);
    for (const a of c.alteredColumns) {
      if (a.type)
        out.push(
          `column ${at(a.to.name)} changes type from ${a.from.type} to ${a.to.type}: its values are lost`,
        );
      else if (a.notNull && a.to.notNull)
        out.push(`column ${at(a.to.name)} becomes required: fails if it holds NULLs`);
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
