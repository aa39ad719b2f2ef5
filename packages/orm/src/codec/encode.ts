import type { FieldDef, SchemaDef } from '@warden/schema';
import { findEnum } from '../schema-util.js';
import type { ArgPath } from '../validate/invalid.js';
import { describeType, invalidInput } from '../validate/invalid.js';
import type { ValidationSite } from '../validate/args.js';
import { Decimal, isDecimal } from './decimal.js';
import { jsonNullWrite, refuseNullValue, checkJsonValue } from './json-null.js';

type Provider = 'sqlite' | 'postgresql';

/** The range of an Int column (32-bit on PostgreSQL; SQLite would store anything). */
export const INT_MIN = -(2 ** 31);
export const INT_MAX = 2 ** 31 - 1;
/** The range of a BigInt column (64-bit on both databases). */
export const BIGINT_MIN = -(2n ** 63n);
export const BIGINT_MAX = 2n ** 63n - 1n;
/**
 * The DateTime range both databases store and order correctly: SQLite keeps ISO text, whose
 * order is time order only for four-digit years; PostgreSQL stops at 4713 BC.
 */
export const DATE_MIN = -62135596800000; // 0001-01-01T00:00:00.000Z (Date.UTC reads year 1 as 1901)
export const DATE_MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** PostgreSQL text cannot hold U+0000; SQLite could, but the two must accept the same values. */
function noNul(path: ArgPath, site: ValidationSite) {
  return invalidInput(path, `a string cannot contain the NUL character (\\u0000)`, site);
}

/** Not a closure inside checkScalar: that runs for every bound value of every call. */
function wrongType(field: FieldDef, value: unknown, path: ArgPath, site: ValidationSite): never {
  throw invalidInput(path, `expected ${field.type}, got ${describeType(value)}`, site);
}

/**
 * Checks one scalar (not list) value against a field's type and returns the normalised JS
 * value: Int a safe integer, BigInt a bigint, Decimal a Decimal, DateTime a Date, ...
 * Throws INVALID_INPUT naming `path`.
 */
export function checkScalar(
  schema: SchemaDef,
  field: FieldDef,
  value: unknown,
  path: ArgPath,
  site: ValidationSite,
): unknown {
  // A whole Json field's DbNull / JsonNull is handled before this; here one is out of place.
  refuseNullValue(field, value, path, site);
  if (field.kind === 'enum') {
    const e = findEnum(schema, field.type);
    if (typeof value !== 'string' || (e && !e.values.includes(value))) {
      throw invalidInput(
        path,
        `expected ${field.type} (${e?.values.join(' | ') ?? ''}), got ${typeof value === 'string' ? `'${value}'` : describeType(value)}`,
        site,
      );
    }
    return value;
  }
  switch (field.type) {
    case 'String':
      if (typeof value !== 'string') return wrongType(field, value, path, site);
      if (value.includes('\0')) throw noNul(path, site);
      return value;
    case 'Int':
      if (typeof value !== 'number') return wrongType(field, value, path, site);
      if (!Number.isInteger(value)) {
        throw invalidInput(path, `expected Int, got non-integer number ${value}`, site);
      }
      if (value < INT_MIN || value > INT_MAX) {
        throw invalidInput(
          path,
          `Int is a 32-bit integer (${INT_MIN} to ${INT_MAX}), got ${value}: use BigInt for larger values`,
          site,
        );
      }
      return value;
    case 'Float':
      return typeof value === 'number' ? value : wrongType(field, value, path, site);
    case 'BigInt': {
      let b: bigint;
      if (typeof value === 'bigint') b = value;
      else if (typeof value === 'number' && Number.isSafeInteger(value)) b = BigInt(value);
      else if (typeof value === 'string' && /^-?\d{1,40}$/.test(value)) b = BigInt(value);
      else return wrongType(field, value, path, site);
      if (b < BIGINT_MIN || b > BIGINT_MAX) {
        throw invalidInput(
          path,
          `BigInt is a 64-bit integer (${BIGINT_MIN} to ${BIGINT_MAX}), got ${b}`,
          site,
        );
      }
      return b;
    }
    case 'Decimal':
      if (isDecimal(value)) return value;
      if (typeof value === 'number' && Number.isFinite(value)) return new Decimal(value);
      if (typeof value === 'string' && /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(value)) {
        return new Decimal(value);
      }
      return wrongType(field, value, path, site);
    case 'Boolean':
      return typeof value === 'boolean' ? value : wrongType(field, value, path, site);
    case 'DateTime': {
      const d =
        value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
      if (!d || Number.isNaN(d.getTime())) return wrongType(field, value, path, site);
      const t = d.getTime();
      if (t < DATE_MIN || t > DATE_MAX) {
        throw invalidInput(
          path,
          `DateTime must be between 0001-01-01 and 9999-12-31 (UTC), got ${d.toISOString()}`,
          site,
        );
      }
      return d;
    }
    case 'Bytes':
      return value instanceof Uint8Array ? value : wrongType(field, value, path, site);
    case 'Json':
      if (value === undefined) return wrongType(field, value, path, site);
      checkJsonValue(value, path, site);
      return value;
    default:
      return value;
  }
}

/** The value a driver binds for a checked scalar of `field`. */
export function scalarToDb(
  provider: Provider,
  schema: SchemaDef,
  field: FieldDef,
  v: unknown,
): unknown {
  if (v === null) return null;
  if (field.kind === 'enum') return findEnum(schema, field.type)?.dbNames?.[v as string] ?? v;
  switch (field.type) {
    case 'Boolean':
      return provider === 'sqlite' ? (v ? 1 : 0) : v;
    case 'DateTime':
      return provider === 'sqlite' ? (v as Date).toISOString() : v;
    case 'BigInt':
      return provider === 'sqlite' ? v : (v as bigint).toString();
    case 'Decimal':
      return (v as Decimal).toString();
    case 'Json':
      return JSON.stringify(v);
    case 'Bytes':
      return Buffer.isBuffer(v) ? v : Buffer.from(v as Uint8Array);
    default:
      return v;
  }
}

/** One element of a scalar list as stored inside SQLite's JSON array text. */
export function elementToSqliteJson(schema: SchemaDef, field: FieldDef, v: unknown): unknown {
  if (v === null) return null;
  if (field.kind === 'enum') return findEnum(schema, field.type)?.dbNames?.[v as string] ?? v;
  switch (field.type) {
    case 'DateTime':
      return (v as Date).toISOString();
    case 'BigInt':
    case 'Decimal':
      return String(v);
    case 'Bytes':
      return Buffer.from(v as Uint8Array).toString('base64');
    default:
      return v;
  }
}

/**
 * Checks and converts a value for `field` (a whole list for list fields) to what the driver
 * binds. `null` passes through (callers decide whether null is allowed); on a `Json` field
 * `DbNull` binds NULL and `JsonNull` the JSON value `null`.
 *
 * @example
 * ```ts
 * encodeValue(ctx, postFields.createdAt, new Date(0), ['data', 'createdAt'], site);
 * // sqlite: '1970-01-01T00:00:00.000Z'   postgresql: Date
 * ```
 */
export function encodeValue(
  ctx: { provider: Provider; schema: SchemaDef },
  field: FieldDef,
  value: unknown,
  path: ArgPath,
  site: ValidationSite,
): unknown {
  if (value === null) return null;
  if (!field.list) {
    if (field.type === 'Json' && field.kind === 'scalar') {
      const n = jsonNullWrite(field, value, path, site);
      if (n) return n.db;
    }
    return scalarToDb(
      ctx.provider,
      ctx.schema,
      field,
      checkScalar(ctx.schema, field, value, path, site),
    );
  }
  if (!Array.isArray(value)) {
    throw invalidInput(path, `expected ${field.type}[], got ${describeType(value)}`, site);
  }
  const items = value.map((v, i) => checkScalar(ctx.schema, field, v, [...path, i], site));
  if (ctx.provider === 'sqlite') {
    return JSON.stringify(items.map((v) => elementToSqliteJson(ctx.schema, field, v)));
  }
  return items.map((v) => scalarToDb(ctx.provider, ctx.schema, field, v));
}

/** Encodes one list element for comparisons (`has`, `hasSome`): SQLite compares JSON values. */
export function encodeElement(
  ctx: { provider: Provider; schema: SchemaDef },
  field: FieldDef,
  value: unknown,
  path: ArgPath,
  site: ValidationSite,
): unknown {
  const v = checkScalar(ctx.schema, field, value, path, site);
  if (ctx.provider === 'sqlite') {
    const j = elementToSqliteJson(ctx.schema, field, v);
    return typeof j === 'boolean' ? (j ? 1 : 0) : j;
  }
  return scalarToDb(ctx.provider, ctx.schema, field, v);
}
