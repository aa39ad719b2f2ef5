import { sql } from 'kysely';
import type { ModelDef, UniqueDef } from '@warden/schema';
import type { BuildScope } from '../plan/build-scope.js';
import { apiField } from '../schema-util.js';
import { expectObject } from '../validate/args.js';
import type { ArgPath } from '../validate/invalid.js';
import { describeType, invalidInput } from '../validate/invalid.js';
import { encodeValue } from '../codec/encode.js';
import { readableColumn } from '../shape/masked-column.js';
import type { Pred } from './predicate.js';
import { andAll, not, orAll } from './predicate.js';
import { buildFieldFilter } from './field-filter.js';
import type { InputLimits } from '../validate/limits.js';
import { limitsOf, overLimit } from '../validate/limits.js';
import { buildRelationFilter } from './relation-filter.js';

/** A compound unique key (`authorId_title`) or compound id of `model` named `key`. */
export function compoundKey(model: ModelDef, key: string): UniqueDef | undefined {
  if (
    model.idUnique === undefined &&
    model.idFields.length > 1 &&
    model.idFields.join('_') === key
  ) {
    return { name: key, fields: model.idFields };
  }
  return model.uniques.find(
    (u) => u.fields.length > 1 && (u.name === key || u.fields.join('_') === key),
  );
}

/**
 * Compiles a Prisma `where` object on `model` (table alias `alias`) into a predicate. Every
 * value becomes a parameter read from the arguments at `path`, so the result can be cached by
 * shape. Unknown fields, unknown operators and wrongly typed values throw INVALID_INPUT naming
 * the path, before any SQL runs.
 *
 * @example
 * ```ts
 * const scope = new BuildScope(ctx, { model: 'Post', operation: 'updateMany' });
 * const pred = buildWhere(scope, postModel, 't0', args.where, ['where']);
 * // sql`update "Post" as "t0" set ... where ${predSql(ctx.dialect, pred)}`
 * ```
 */
export function buildWhere(
  scope: BuildScope,
  model: ModelDef,
  alias: string,
  where: unknown,
  path: ArgPath,
): Pred {
  const limits = limitsOf(scope.ctx);
  if (scope.filterDepth >= limits.maxFilterDepth) {
    throw overLimit(
      path,
      `filters may nest at most ${limits.maxFilterDepth} levels deep`,
      'maxFilterDepth',
      scope.site,
    );
  }
  scope.filterDepth++;
  try {
    return buildWhereObject(scope, model, alias, where, path, limits);
  } finally {
    scope.filterDepth--;
  }
}

/** Counts `n` more conditions at `path` against `maxFilterConditions`. */
function countConditions(scope: BuildScope, path: ArgPath, n: number, limits: InputLimits): void {
  scope.filterConditions += n;
  if (scope.filterConditions > limits.maxFilterConditions) {
    throw overLimit(
      path,
      `an operation's filters may hold at most ${limits.maxFilterConditions} conditions`,
      'maxFilterConditions',
      scope.site,
    );
  }
}

function buildWhereObject(
  scope: BuildScope,
  model: ModelDef,
  alias: string,
  where: unknown,
  path: ArgPath,
  limits: InputLimits,
): Pred {
  const obj = expectObject(scope.site, path, where);
  countConditions(scope, path, Object.keys(obj).length, limits);
  const preds: Pred[] = [];
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined) continue;
    const p = [...path, key];
    // A long list is refused at once, before its branches are built one by one.
    if (Array.isArray(value) && scope.filterConditions + value.length > limits.maxFilterConditions)
      countConditions(scope, p, value.length, limits);
    if (key === 'AND' || key === 'NOT') {
      const items = Array.isArray(value)
        ? value.map((w, i) => buildWhere(scope, model, alias, w, [...p, i]))
        : [buildWhere(scope, model, alias, value, p)];
      preds.push(andAll(key === 'AND' ? items : items.map(not)));
    } else if (key === 'OR') {
      if (!Array.isArray(value)) {
        throw invalidInput(p, `expected an array, got ${describeType(value)}`, scope.site);
      }
      preds.push(orAll(value.map((w, i) => buildWhere(scope, model, alias, w, [...p, i]))));
    } else {
      const field = apiField(model, key);
      if (field?.kind === 'relation') {
        preds.push(buildRelationFilter(scope, model, field, alias, value, p));
      } else if (field) {
        preds.push(
          buildFieldFilter(
            scope,
            model,
            field,
            readableColumn(scope.ctx, model, field, alias, 'filter'),
            value,
            p,
          ),
        );
      } else {
        const compound = compoundKey(model, key);
        if (!compound) {
          throw invalidInput(p, `unknown field '${key}' of model ${model.name}`, scope.site);
        }
        preds.push(buildCompoundEquals(scope, model, alias, compound, value, p));
      }
    }
  }
  return andAll(preds);
}

function buildCompoundEquals(
  scope: BuildScope,
  model: ModelDef,
  alias: string,
  key: UniqueDef,
  value: unknown,
  path: ArgPath,
): Pred {
  const obj = expectObject(scope.site, path, value);
  for (const k of Object.keys(obj)) {
    if (!key.fields.includes(k)) {
      throw invalidInput(
        [...path, k],
        `not part of unique key ${key.name} (${key.fields.join(', ')})`,
        scope.site,
      );
    }
  }
  return andAll(
    key.fields.map((f) => {
      const field = model.fields[f]!;
      const p = [...path, f];
      if (obj[f] === undefined || obj[f] === null) {
        throw invalidInput(p, `expected ${field.type}, got ${describeType(obj[f])}`, scope.site);
      }
      const v = scope.param(p, (x) => encodeValue(scope.ctx, field, x, p, scope.site));
      return sql<boolean>`${readableColumn(scope.ctx, model, field, alias, 'filter')} = ${v}`;
    }),
  );
}
