import { sql } from 'kysely';
import type { FieldDef, ModelDef } from '@warden/schema';
import type { BuildScope } from '../plan/build-scope.js';
import { relationJoin } from '../relation/join.js';
import { expectObject } from '../validate/args.js';
import type { ArgPath } from '../validate/invalid.js';
import { invalidInput } from '../validate/invalid.js';
import type { Pred } from './predicate.js';
import { andAll, not, predSql } from './predicate.js';
import { rowFilter } from './row-filter.js';
import { buildWhere } from './where.js';

const TO_ONE_OPS = new Set(['is', 'isNot']);
const TO_MANY_OPS = new Set(['some', 'every', 'none']);

/**
 * `EXISTS (related rows that match)`, folded when the match is a constant. `negateInner`
 * builds `every`: no related row fails the predicate.
 */
function exists(
  scope: BuildScope,
  model: ModelDef,
  field: FieldDef,
  alias: string,
  where: unknown,
  path: ArgPath,
  negateInner: boolean,
): Pred {
  const inner = scope.nextAlias();
  const join = relationJoin(scope.ctx, model, field, alias, inner);
  const allowed = rowFilter(scope.ctx, join.target, 'read', inner);
  if (allowed === false) return false;
  let match: Pred =
    where === null || where === undefined
      ? true
      : buildWhere(scope, join.target, inner, where, path);
  if (negateInner)
    match =
      typeof match === 'boolean'
        ? !match
        : not(sql<boolean>`coalesce(${match}, ${scope.ctx.dialect.falseLiteral})`);
  if (match === false) return false;
  const cond = andAll([join.on, allowed, match]);
  return sql<boolean>`exists (select 1 from ${join.from} where ${predSql(scope.ctx.dialect, cond)})`;
}

/** `is isNot` on to-one relations (a bare where object means `is`), `some every none` on lists. */
export function buildRelationFilter(
  scope: BuildScope,
  model: ModelDef,
  field: FieldDef,
  alias: string,
  value: unknown,
  path: ArgPath,
): Pred {
  if (!field.list) {
    if (value === null) return not(exists(scope, model, field, alias, null, path, false));
    const obj = expectObject(scope.site, path, value);
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
    if (keys.length === 0 || !keys.every((k) => TO_ONE_OPS.has(k))) {
      return exists(scope, model, field, alias, obj, path, false);
    }
    return andAll(
      keys.map((k) => {
        const v = obj[k];
        const e = exists(scope, model, field, alias, v, [...path, k], false);
        return (k === 'is') === (v !== null) ? e : not(e);
      }),
    );
  }
  const obj = expectObject(scope.site, path, value);
  const preds: Pred[] = [];
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (v === undefined) continue;
    if (!TO_MANY_OPS.has(k)) {
      throw invalidInput(
        [...path, k],
        `unknown relation filter; expected some, every or none`,
        scope.site,
      );
    }
    const p = [...path, k];
    if (k === 'some') preds.push(exists(scope, model, field, alias, v, p, false));
    else if (k === 'none') preds.push(not(exists(scope, model, field, alias, v, p, false)));
    else preds.push(not(exists(scope, model, field, alias, v, p, true)));
  }
  return andAll(preds);
}
