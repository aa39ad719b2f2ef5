import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { FieldDef, ModelDef } from '@warden/schema';
import type { BuildScope } from '../plan/build-scope.js';
import { encodeValue } from '../codec/encode.js';
import { expectOneOf } from '../validate/args.js';
import type { ArgPath } from '../validate/invalid.js';
import { describeType, invalidInput, isPlainObject } from '../validate/invalid.js';
import type { Pred } from './predicate.js';
import { andAll, not } from './predicate.js';
import { buildListFilter } from './list-filter.js';
import { buildJsonFilter } from './json-filter.js';
import { buildStringMatch, STRING_MATCHES } from './string-filter.js';

const COMPARISONS = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

/** True when a `where` value for a scalar field is a filter object, not a value to equal. */
function isFilterObject(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value);
}

/**
 * The filter on one scalar or enum field (read from `column`, which may also be an aggregate
 * in `having`): a value (equals), `null`, or a filter object.
 */
export function buildFieldFilter(
  scope: BuildScope,
  model: ModelDef,
  field: FieldDef,
  column: RawBuilder<unknown>,
  value: unknown,
  path: ArgPath,
  inheritedInsensitive = false,
): Pred {
  if (value === null) return sql<boolean>`${column} is null`;
  if (field.list) return buildListFilter(scope, field, column, value, path);
  if (field.type === 'Json') return buildJsonFilter(scope, field, column, value, path);
  if (!isFilterObject(value))
    return equals(scope, field, column, path, inheritedInsensitive, value);
  let insensitive = inheritedInsensitive;
  if (value.mode !== undefined) {
    const mode = expectOneOf(scope.site, [...path, 'mode'], value.mode, ['default', 'insensitive']);
    if (field.type !== 'String') {
      throw invalidInput([...path, 'mode'], `only String fields have a mode`, scope.site);
    }
    insensitive = mode === 'insensitive';
  }
  const preds: Pred[] = [];
  for (const op of Object.keys(value)) {
    const v = value[op];
    if (v === undefined || op === 'mode') continue;
    const p = [...path, op];
    if (op === 'equals') {
      preds.push(
        v === null
          ? sql<boolean>`${column} is null`
          : equals(scope, field, column, p, insensitive, v),
      );
    } else if (op === 'not') {
      if (v === null) preds.push(sql<boolean>`${column} is not null`);
      else if (isFilterObject(v))
        preds.push(not(buildFieldFilter(scope, model, field, column, v, p, insensitive)));
      else preds.push(not(equals(scope, field, column, p, insensitive, v)));
    } else if (op === 'in' || op === 'notIn') {
      if (!Array.isArray(v))
        throw invalidInput(p, `expected an array, got ${describeType(v)}`, scope.site);
      if (v.length === 0) {
        preds.push(op === 'notIn');
        continue;
      }
      const list = scope.ctx.dialect.inList(
        field,
        column,
        listOperand(scope, field, p),
        insensitive,
      );
      preds.push(op === 'in' ? list : not(list));
    } else if (op in COMPARISONS) {
      if (field.type === 'Boolean' || field.type === 'Bytes' || field.kind === 'enum') {
        throw invalidInput(p, `${op} is not available on ${field.type} fields`, scope.site);
      }
      const d = scope.ctx.dialect;
      const lhs = insensitive ? d.foldCase(column) : d.comparable(field, column);
      const rhs = insensitive
        ? operand(scope, field, p, true)
        : d.comparable(field, operand(scope, field, p, false));
      preds.push(
        sql<boolean>`${lhs} ${sql.raw(COMPARISONS[op as keyof typeof COMPARISONS])} ${rhs}`,
      );
    } else if ((STRING_MATCHES as readonly string[]).includes(op)) {
      if (field.type !== 'String') {
        throw invalidInput(p, `${op} is only available on String fields`, scope.site);
      }
      preds.push(
        buildStringMatch(scope, column, op as (typeof STRING_MATCHES)[number], v, p, insensitive),
      );
    } else {
      throw invalidInput(
        p,
        `unknown filter '${op}' for ${field.type} field ${model.name}.${field.name}`,
        scope.site,
      );
    }
  }
  return andAll(preds);
}

/** The bound value at `path`, lower-cased in SQL when the comparison is case-insensitive. */
function operand(
  scope: BuildScope,
  field: FieldDef,
  path: ArgPath,
  insensitive: boolean,
): RawBuilder<unknown> {
  const v = scope.param(path, (x) => {
    if (x === null) throw invalidInput(path, `expected ${field.type}, got null`, scope.site);
    return encodeValue(scope.ctx, field, x, path, scope.site);
  });
  return insensitive ? scope.ctx.dialect.foldCase(v) : sql`${v}`;
}

/**
 * The whole `in` list at `path` as one parameter (see `DialectHooks.inList`): every element
 * checked and encoded as it would bind alone, the bad one named by its index.
 */
function listOperand(scope: BuildScope, field: FieldDef, path: ArgPath): RawBuilder<unknown> {
  return scope.param(path, (list) => {
    if (!Array.isArray(list))
      throw invalidInput(path, `expected an array, got ${describeType(list)}`, scope.site);
    const out = new Array<unknown>(list.length);
    for (let i = 0; i < list.length; i++) {
      const x: unknown = list[i];
      if (x === null || x === undefined)
        throw invalidInput(
          [...path, i],
          `expected ${field.type}, got ${describeType(x)}`,
          scope.site,
        );
      out[i] = encodeValue(scope.ctx, field, x, [...path, i], scope.site);
    }
    return scope.ctx.dialect.inListParam(field, out);
  });
}

/**
 * `column = value`. A Boolean is written into the SQL as a literal (booleans are part of a
 * plan's shape, see `shapeKey`): SQLite then propagates the constant into the rest of the
 * WHERE, so `published = 1 and (published = 1 or author_id = ?)`, the policy rule added to a
 * filter on `published`, costs barely more than the filter alone, where a bound value cost 10%.
 */
function equals(
  scope: BuildScope,
  field: FieldDef,
  column: RawBuilder<unknown>,
  path: ArgPath,
  insensitive: boolean,
  value: unknown,
): Pred {
  if (field.type === 'Boolean' && typeof value === 'boolean') {
    const d = scope.ctx.dialect;
    return sql<boolean>`${column} = ${value ? d.trueLiteral : d.falseLiteral}`;
  }
  const lhs = insensitive ? scope.ctx.dialect.foldCase(column) : column;
  return sql<boolean>`${lhs} = ${operand(scope, field, path, insensitive)}`;
}
