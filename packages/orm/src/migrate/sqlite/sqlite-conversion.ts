import type { ColumnConversion } from '../column-conversion.js';
import type { DbColumn } from '../db-state.js';
import { quoteString } from '../sql-text.js';

const trueWords = ['t', 'true', 'y', 'yes', 'on', '1'];
const falseWords = ['f', 'false', 'n', 'no', 'off', '0'];
const words = (ws: string[]) => ws.map(quoteString).join(', ');

/** Storage class a declared SQLite type gives its values (the ORM only writes these four). */
function storage(type: string): 'INTEGER' | 'REAL' | 'TEXT' | 'BLOB' | undefined {
  const t = type.trim().toUpperCase();
  return t === 'INTEGER' || t === 'REAL' || t === 'TEXT' || t === 'BLOB' ? t : undefined;
}

const safe = (value: (x: string) => string): ColumnConversion => ({ value, risky: false });
const risky = (value: (x: string) => string, invalid: (x: string) => string): ColumnConversion => ({
  value,
  risky: true,
  invalid,
});

/**
 * How a SQLite table rebuild copies a retyped column. Only the storage class of the old
 * column is known (push introspects, and INTEGER may have held Int, BigInt or Boolean), so
 * the conversion follows it: Boolean -> String gives '1'/'0' here (PostgreSQL: 'true'/'false').
 * What the ORM could not read back (text '12abc' as Int) is refused, never copied as is.
 */
export function sqliteConversion(from: DbColumn, to: DbColumn): ColumnConversion | undefined {
  const f = storage(from.type);
  if (f === undefined || f === 'BLOB' || from.list) return undefined;
  const text = (x: string) => `CAST(${x} AS TEXT)`;
  if (to.list) {
    // A list is a JSON array in TEXT: the old value becomes its one element.
    const element = to.scalar === 'String' || to.scalar === 'Decimal' ? text : (x: string) => x;
    const fits =
      (f === 'INTEGER' &&
        ['Int', 'BigInt', 'Float', 'Boolean', 'String', 'Decimal'].includes(to.scalar ?? '')) ||
      (f === 'REAL' && ['Float', 'String', 'Decimal'].includes(to.scalar ?? ''));
    if (!fits) return undefined;
    return safe((x) => `CASE WHEN ${x} IS NULL THEN '[]' ELSE json_array(${element(x)}) END`);
  }
  if (to.enumValues) {
    const labels = to.enumValues.map(quoteString).join(', ');
    return risky(text, (x) => `${text(x)} NOT IN (${labels})`);
  }
  const target = to.scalar ?? '';
  if (f === 'TEXT') {
    const v = (x: string) => `trim(${x})`;
    switch (target) {
      case 'Int':
      case 'BigInt':
        // The round trip refuses what CAST would quietly shorten ('12abc' -> 12) or clamp.
        return risky(
          (x) => `CAST(${v(x)} AS INTEGER)`,
          (x) => `CAST(CAST(${v(x)} AS INTEGER) AS TEXT) IS NOT ${v(x)}`,
        );
      case 'Float':
        // JSON's number syntax is strict, unlike CAST's longest-prefix reading.
        return risky(
          (x) => `CAST(${v(x)} AS REAL)`,
          (x) =>
            `coalesce(CASE WHEN json_valid(${v(x)}) THEN json_type(${v(x)}) IN ('integer', 'real') END, 0) = 0`,
        );
      case 'Boolean':
        return risky(
          (x) =>
            `CASE WHEN lower(${v(x)}) IN (${words(trueWords)}) THEN 1 ` +
            `WHEN lower(${v(x)}) IN (${words(falseWords)}) THEN 0 END`,
          (x) => `lower(${v(x)}) NOT IN (${words([...trueWords, ...falseWords])})`,
        );
      default:
        return undefined;
    }
  }
  switch (target) {
    case 'String':
    case 'Decimal':
    case 'Json':
      return safe(text);
    case 'Float':
      return f === 'INTEGER' ? safe((x) => `CAST(${x} AS REAL)`) : undefined;
    case 'Int':
    case 'BigInt':
      return f === 'REAL'
        ? risky(
            (x) => `CAST(${x} AS INTEGER)`,
            (x) => `${x} <> CAST(${x} AS INTEGER)`,
          )
        : undefined;
    default:
      return undefined;
  }
}
