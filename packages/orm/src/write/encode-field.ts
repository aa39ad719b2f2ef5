import type { FieldDef } from '@warden/schema';
import { checkScalar, encodeValue, scalarToDb } from '../codec/encode.js';
import { jsonNullWrite } from '../codec/json-null.js';
import type { ArgPath } from '../validate/invalid.js';
import { describeType, invalidInput } from '../validate/invalid.js';
import { checkFieldRules } from './field-rules.js';
import type { WriteScope } from './write-scope.js';

/** A checked input value: `api` as the schema's JS type (for rules), `db` as the driver binds it. */
export interface Encoded {
  readonly api: unknown;
  readonly db: unknown;
}

/**
 * Checks `value` for `field` through the core codec (type, enum, list), then the field's
 * validation attributes; `null` only for optional fields. A `Json` field takes `DbNull` or
 * `JsonNull` instead of `null` (see `jsonNullWrite`).
 */
export function encodeField(
  w: WriteScope,
  field: FieldDef,
  value: unknown,
  path: ArgPath,
): Encoded {
  if (field.type === 'Json' && field.kind === 'scalar' && !field.list) {
    const n = jsonNullWrite(field, value, path, w.site);
    if (n) return n;
  }
  if (value === null) {
    if (!field.optional)
      throw invalidInput(path, `expected ${field.type}${field.list ? '[]' : ''}, got null`, w.site);
    return { api: null, db: null };
  }
  if (field.list) {
    if (!Array.isArray(value)) {
      throw invalidInput(path, `expected ${field.type}[], got ${describeType(value)}`, w.site);
    }
    const db = encodeValue(w.ctx, field, value, path, w.site);
    checkFieldRules(field, value, path, w.site);
    return { api: value, db };
  }
  const api = checkScalar(w.ctx.schema, field, value, path, w.site);
  checkFieldRules(field, api, path, w.site);
  return { api, db: scalarToDb(w.ctx.provider, w.ctx.schema, field, api) };
}
