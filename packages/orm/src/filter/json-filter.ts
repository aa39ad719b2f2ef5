import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { FieldDef, NullValueName } from '@warden/schema';
import { nullValueName } from '@warden/schema';
import { JSON_NULL_TEXT, checkJsonValue } from '../codec/json-null.js';
import { patternText } from './string-filter.js';
import type { BuildScope } from '../plan/build-scope.js';
import { expectObject, expectOneOf } from '../validate/args.js';
import type { ArgPath } from '../validate/invalid.js';
import { describeType, invalidInput } from '../validate/invalid.js';
import type { Pred } from './predicate.js';
import { andAll, not, orAll } from './predicate.js';

const STRING_OPS = {
  string_contains: 'contains',
  string_starts_with: 'startsWith',
  string_ends_with: 'endsWith',
} as const;
const NUMBER_OPS = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

function jsonText(path: ArgPath, scope: BuildScope) {
  return (x: unknown): string => {
    if (x === undefined) throw invalidInput(path, 'expected a JSON value', scope.site);
    checkJsonValue(x, path, scope.site);
    return JSON.stringify(x);
  };
}

/**
 * Rows whose value (at `path`, when given) is the null `name` says. `DbNull`: the column is
 * NULL, or with a path nothing is there; `JsonNull`: the JSON value `null` is there; `AnyNull`:
 * either. The kind is part of the plan's shape (see `shapeKey`), so it is SQL text, not a
 * parameter. Negated (`not`), `JsonNull` does not match NULL columns, as every other `not` in
 * SQL and in Prisma.
 */
function nullValueMatch(
  scope: BuildScope,
  column: RawBuilder<unknown>,
  path: readonly string[],
  name: NullValueName,
): Pred {
  const d = scope.ctx.dialect;
  const absent = sql<boolean>`${path.length === 0 ? column : d.jsonAt(column, path)} is null`;
  const jsonNull = sql<boolean>`${d.jsonAt(column, path)} = ${d.jsonParam(sql.lit(JSON_NULL_TEXT))}`;
  switch (name) {
    case 'DbNull':
      return absent;
    case 'JsonNull':
      return jsonNull;
    case 'AnyNull':
      return orAll([absent, jsonNull]);
  }
}

/**
 * Json filters: `equals`, `not`, and with an optional `path` (array of keys):
 * `string_contains string_starts_with string_ends_with array_contains lt lte gt gte`. `equals`
 * and `not` take `DbNull`, `JsonNull` or `AnyNull`, and so does the field itself
 * (`{ meta: DbNull }`); a plain `null` means `DbNull` on the whole value and `JsonNull` at a
 * path.
 */
export function buildJsonFilter(
  scope: BuildScope,
  _field: FieldDef,
  column: RawBuilder<unknown>,
  value: unknown,
  path: ArgPath,
): Pred {
  const d = scope.ctx.dialect;
  const shorthand = nullValueName(value);
  if (shorthand !== undefined) return nullValueMatch(scope, column, [], shorthand);
  const obj = expectObject(scope.site, path, value);
  let jsonPath: string[] = [];
  if (obj.path !== undefined) {
    const p = obj.path;
    if (!Array.isArray(p) || p.some((k) => typeof k !== 'string')) {
      throw invalidInput(
        [...path, 'path'],
        `expected an array of strings, got ${describeType(p)}`,
        scope.site,
      );
    }
    jsonPath = p as string[];
  }
  const insensitive =
    obj.mode !== undefined &&
    expectOneOf(scope.site, [...path, 'mode'], obj.mode, ['default', 'insensitive']) ===
      'insensitive';
  const target = d.jsonAt(column, jsonPath);
  const preds: Pred[] = [];
  for (const op of Object.keys(obj)) {
    const v = obj[op];
    if (v === undefined || op === 'path' || op === 'mode') continue;
    const p = [...path, op];
    if (op === 'equals' || op === 'not') {
      const nullName = nullValueName(v);
      const eq: Pred =
        nullName !== undefined
          ? nullValueMatch(scope, column, jsonPath, nullName)
          : v === null && jsonPath.length === 0
            ? sql<boolean>`${column} is null`
            : sql<boolean>`${target} = ${d.jsonParam(scope.param(p, jsonText(p, scope)))}`;
      preds.push(op === 'equals' ? eq : not(eq));
    } else if (op in STRING_OPS) {
      const kind = STRING_OPS[op as keyof typeof STRING_OPS];
      if (typeof v !== 'string')
        throw invalidInput(p, `expected String, got ${describeType(v)}`, scope.site);
      const pattern = scope.param(p, (x) =>
        d.stringPattern(kind, patternText(scope, p, x), insensitive),
      );
      preds.push(d.stringMatch(d.jsonTextAt(column, jsonPath), pattern, insensitive));
    } else if (op === 'array_starts_with' || op === 'array_ends_with') {
      // The array's first (last) element equals the value, as JSON; false on non-arrays.
      const end = d.jsonArrayEnd(column, jsonPath, op === 'array_starts_with' ? 'first' : 'last');
      preds.push(sql<boolean>`${end} = ${d.jsonParam(scope.param(p, jsonText(p, scope)))}`);
    } else if (op === 'array_contains') {
      const items = Array.isArray(v) ? v.map((_, i) => [...p, i]) : [p];
      preds.push(
        andAll(
          items.map((ip) =>
            d.jsonArrayContains(
              column,
              jsonPath,
              scope.param(ip, (x) =>
                d.provider === 'sqlite' ? sqliteJsonScalar(ip, scope, x) : jsonText(ip, scope)(x),
              ),
            ),
          ),
        ),
      );
    } else if (op in NUMBER_OPS) {
      if (typeof v !== 'number')
        throw invalidInput(p, `expected a number, got ${describeType(v)}`, scope.site);
      const num = scope.param(p, (x) => {
        if (typeof x !== 'number')
          throw invalidInput(p, `expected a number, got ${describeType(x)}`, scope.site);
        return x;
      });
      preds.push(
        sql<boolean>`${d.jsonNumberAt(column, jsonPath)} ${sql.raw(NUMBER_OPS[op as keyof typeof NUMBER_OPS])} ${num}`,
      );
    } else {
      throw invalidInput(p, `unknown Json filter '${op}'`, scope.site);
    }
  }
  return andAll(preds);
}

/** SQLite's json_each yields SQL values: booleans as 0/1, containers as JSON text. */
function sqliteJsonScalar(path: ArgPath, scope: BuildScope, x: unknown): unknown {
  if (x === undefined) throw invalidInput(path, 'expected a JSON value', scope.site);
  checkJsonValue(x, path, scope.site);
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (x !== null && typeof x === 'object') return JSON.stringify(x);
  return x;
}
