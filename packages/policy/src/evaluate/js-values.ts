import type { FieldDef } from '@warden/schema';

/**
 * The JavaScript form of a stored or given value, by the field's declared type: SQLite's 0/1
 * booleans become booleans, ISO text becomes a `Date`, Decimal text a number, JSON list text an
 * array. Unknown types pass through.
 */
export function normalizeValue(field: FieldDef | undefined, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  if (!field) return raw;
  if (field.list) {
    const list = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
    if (!Array.isArray(list)) return null;
    return list.map((item) => normalizeScalar(field.type, item));
  }
  return normalizeScalar(field.type, raw);
}

function normalizeScalar(type: string, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  switch (type) {
    case 'Boolean':
      return typeof raw === 'number' || typeof raw === 'bigint' ? Number(raw) !== 0 : raw;
    case 'DateTime':
      return typeof raw === 'string' || typeof raw === 'number' ? new Date(raw) : raw;
    case 'BigInt':
      return typeof raw === 'number' || typeof raw === 'string' ? BigInt(raw) : raw;
    case 'Decimal':
      if (typeof raw === 'string') return Number(raw);
      if (typeof raw === 'object' && raw !== null && 'toNumber' in raw) {
        return (raw as { toNumber(): number }).toNumber();
      }
      return raw;
    default:
      return raw;
  }
}

type Comparable = number | bigint | string | boolean;

function comparable(v: unknown): Comparable | undefined {
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'object' && v !== null && 'bigint' in v) {
    return BigInt((v as { bigint: string }).bigint);
  }
  if (typeof v === 'object' && v !== null && 'toNumber' in v) {
    return (v as { toNumber(): number }).toNumber();
  }
  return undefined;
}

/**
 * Orders two non-null values: negative, zero or positive, or `undefined` when they cannot be
 * compared (different kinds). Strings compare by UTF-16 code units, as SQLite's BINARY and
 * PostgreSQL's "C" collation do for the characters rules use.
 */
export function compareValues(a: unknown, b: unknown): number | undefined {
  let x = comparable(a);
  let y = comparable(b);
  if (x === undefined || y === undefined) return undefined;
  if (typeof x === 'bigint' && typeof y === 'number') {
    if (!Number.isInteger(y)) return Number(x) - y;
    y = BigInt(y);
  } else if (typeof y === 'bigint' && typeof x === 'number') {
    if (!Number.isInteger(x)) return x - Number(y);
    x = BigInt(x);
  }
  if (typeof x !== typeof y) return undefined;
  if (x === y) return 0;
  return x < y ? -1 : 1;
}

/** Null-safe equality: two nulls are equal; null never equals a value. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b === null || b === undefined;
  if (b === null || b === undefined) return false;
  return compareValues(a, b) === 0;
}
