import type { FieldDef } from '@warden/schema';
import { nullValueName } from '@warden/schema';
import type { ValidationSite } from '../validate/args.js';
import type { ArgPath } from '../validate/invalid.js';
import { describeType, invalidInput } from '../validate/invalid.js';

/** What a `Json` column holds for `JsonNull`: the JSON text `null` (jsonb `'null'` on PostgreSQL). */
export const JSON_NULL_TEXT = 'null';

/** A whole `Json` field's value in `data`, when it is one of the nulls: what rules see and what is bound. */
export interface JsonNullWrite {
  readonly api: null;
  readonly db: null | typeof JSON_NULL_TEXT;
}

/**
 * Decides what a top-level `null`-ish value written to the (non-list) `Json` field means, or
 * `undefined` when `value` is an ordinary JSON value.
 *
 * Plain `null` is refused, as in Prisma: for a `Json?` field it could mean the database's NULL
 * or the JSON value `null`, two things filters tell apart, so the caller says which with
 * `DbNull` or `JsonNull`. Reading gives `null` for both.
 *
 * @example
 * ```ts
 * jsonNullWrite(metaField, JsonNull, ['data', 'meta'], site); // { api: null, db: 'null' }
 * jsonNullWrite(metaField, null, ['data', 'meta'], site); // throws INVALID_INPUT
 * ```
 */
export function jsonNullWrite(
  field: FieldDef,
  value: unknown,
  path: ArgPath,
  site: ValidationSite,
): JsonNullWrite | undefined {
  if (value === null) {
    throw invalidInput(
      path,
      `null is ambiguous for Json field ${field.name}: use ${field.optional ? 'DbNull (the column is NULL) or ' : ''}JsonNull (the JSON value null)`,
      site,
    );
  }
  switch (nullValueName(value)) {
    case undefined:
      return undefined;
    case 'JsonNull':
      return { api: null, db: JSON_NULL_TEXT };
    case 'DbNull':
      if (!field.optional) {
        throw invalidInput(
          path,
          `DbNull needs an optional field; Json field ${field.name} is required (JsonNull stores the JSON value null)`,
          site,
        );
      }
      return { api: null, db: null };
    case 'AnyNull':
      throw invalidInput(
        path,
        'AnyNull only filters; write DbNull (the column is NULL) or JsonNull (the JSON value null)',
        site,
      );
  }
}

/**
 * Refuses a null value where it has no meaning: for a field that is not a single `Json` value
 * (the field's own `null` says "no value" there).
 */
export function refuseNullValue(
  field: FieldDef,
  value: unknown,
  path: ArgPath,
  site: ValidationSite,
): void {
  const name = nullValueName(value);
  if (name === undefined) return;
  const type = `${field.type}${field.list ? '[]' : ''}`;
  throw invalidInput(
    path,
    `${name} is only for a whole Json field; ${field.name} is ${type}${field.optional && !field.list ? ' (use null)' : ''}`,
    site,
  );
}

/**
 * Checks a JSON value given in `data` or a Json filter: refuses a null value nested inside it
 * (it stands for a whole field, and JSON would silently write it as `{}`) and any part JSON
 * cannot carry (a bigint would make `JSON.stringify` throw, a function or symbol would vanish).
 * Throws INVALID_INPUT naming the part's path.
 */
export function checkJsonValue(value: unknown, path: ArgPath, site: ValidationSite): void {
  const at = badJsonPart(value);
  if (!at) return;
  const name = nullValueName(at.value);
  throw invalidInput(
    [...path, ...at.keys.reverse()],
    name !== undefined
      ? `${name} cannot be part of a JSON value, it stands for a whole Json field (inside JSON, write null)`
      : typeof at.value === 'string'
        ? // PostgreSQL's jsonb refuses \u0000; both databases accept the same values.
          'a JSON string or key cannot contain the NUL character (\\u0000)'
        : `expected a JSON value, got ${describeType(at.value)}`,
    site,
  );
}

/**
 * The first part of `value` that is a null value or not JSON, with its keys innermost first
 * (built only on a hit).
 */
function badJsonPart(value: unknown): { value: unknown; keys: (string | number)[] } | undefined {
  const t = typeof value;
  if (t === 'string') return (value as string).includes('\0') ? { value, keys: [] } : undefined;
  if (t === 'bigint' || t === 'function' || t === 'symbol') return { value, keys: [] };
  if (t !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = badJsonPart(value[i]);
      if (hit) {
        hit.keys.push(i);
        return hit;
      }
    }
    return undefined;
  }
  if (nullValueName(value) !== undefined) return { value, keys: [] };
  for (const k of Object.keys(value as object)) {
    if (k.includes('\0')) return { value: k, keys: [k] };
    const hit = badJsonPart((value as Record<string, unknown>)[k]);
    if (hit) {
      hit.keys.push(k);
      return hit;
    }
  }
  return undefined;
}
