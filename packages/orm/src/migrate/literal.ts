import { WardenError } from '@warden/schema';
import type { FieldDef, LiteralValue } from '@warden/schema';

/** Numeric text of a literal for a numeric column, validated. */
export function numericText(field: FieldDef, v: LiteralValue): string {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'object' && v !== null && 'bigint' in v && /^-?\d+$/.test(v.bigint))
    return v.bigint;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(v)) return v;
  throw badDefault(field, v);
}

/** ISO-8601 UTC with milliseconds, the ORM's DateTime format. */
export function isoText(field: FieldDef, v: LiteralValue): string {
  const t = typeof v === 'string' || typeof v === 'number' ? new Date(v).getTime() : NaN;
  if (Number.isNaN(t)) throw badDefault(field, v);
  return new Date(t).toISOString();
}

export function jsonText(v: LiteralValue | readonly LiteralValue[]): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function plainValue(v: LiteralValue): string | number | boolean | null {
  return typeof v === 'object' && v !== null ? v.bigint : v;
}

export function badDefault(field: FieldDef, v: unknown): WardenError {
  return new WardenError(
    'INVALID_INPUT',
    `field "${field.name}": default ${JSON.stringify(v)} does not fit type ${field.type}`,
  );
}
