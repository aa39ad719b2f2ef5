import type { FieldDef, SchemaDef } from '@warden/schema';
import { sql, type RawBuilder } from 'kysely';
import type { PolicyDialect } from '../types.js';

/**
 * A JavaScript constant as the database stores it for `field` (or for its own kind when no
 * field is known): SQLite gets 0/1 booleans, ISO-8601 text dates and numbers for Decimal;
 * PostgreSQL gets native values.
 */
export function toDbValue(
  schema: SchemaDef,
  dialect: PolicyDialect,
  field: FieldDef | undefined,
  value: unknown,
  enumName?: string,
): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && value !== null && 'bigint' in value) {
    value = BigInt((value as { bigint: string }).bigint);
  }
  const type = field?.type;
  const enumDef = schema.enums[enumName ?? (field?.kind === 'enum' ? field.type : '')];
  if (enumDef && typeof value === 'string') return enumDef.dbNames?.[value] ?? value;
  if (type === 'DateTime' && (typeof value === 'string' || typeof value === 'number')) {
    value = new Date(value);
  }
  if (type === 'Decimal' && dialect === 'sqlite') return Number(value);
  if (type === 'Decimal') return String(value);
  if (type === 'BigInt' && (typeof value === 'number' || typeof value === 'string')) {
    value = BigInt(value);
  }
  if (typeof value === 'boolean') return dialect === 'sqlite' ? (value ? 1 : 0) : value;
  if (value instanceof Date) return dialect === 'sqlite' ? value.toISOString() : value;
  if (typeof value === 'bigint') return dialect === 'sqlite' ? value : value.toString();
  return value;
}

/** A bound parameter. */
export function param(value: unknown): RawBuilder<unknown> {
  return sql`${value}`;
}

/** A value used as text by a string function; typed on PostgreSQL so overloads resolve. */
export function asText(dialect: PolicyDialect, value: RawBuilder<unknown>): RawBuilder<unknown> {
  return dialect === 'postgresql' ? sql`cast(${value} as text)` : value;
}

/** A column of the row at `alias`, as the compiler compares it. */
export function columnRef(
  dialect: PolicyDialect,
  alias: string,
  field: FieldDef,
): RawBuilder<unknown> {
  const ref = sql.ref(`${alias}.${field.dbName}`);
  // Decimal is TEXT on SQLite: order it as a number, not as text.
  if (dialect === 'sqlite' && field.type === 'Decimal' && !field.list) {
    return sql`cast(${ref} as real)`;
  }
  return ref;
}
