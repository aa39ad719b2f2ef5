import type { MaybePromise } from '../plan/run-plan.js';
import { sql } from 'kysely';
import type { ModelDef } from '@warden/schema';
import type { QueryContext } from '../context.js';
import { whereClause } from '../filter/predicate.js';
import { rowFilter, withRule } from '../filter/row-filter.js';
import { buildWhere } from '../filter/where.js';
import { runPlan } from '../plan/run-plan.js';
import { tableAs } from '../relation/join.js';
import { readArgs } from './read-args.js';

/** `exists`: whether any row matches `where` (stops at the first one). */
export function exists(ctx: QueryContext, model: ModelDef, args: unknown): MaybePromise<boolean> {
  return runPlan(ctx, model, 'exists', args, (scope) => {
    const a = readArgs(scope.site, args, new Set(['where']));
    const alias = scope.nextAlias();
    const filter = withRule(
      ctx,
      rowFilter(ctx, model, 'read', alias, a.where),
      a.where === undefined ? true : buildWhere(scope, model, alias, a.where, ['where']),
    );
    if (filter === false) return { query: null, finish: () => false };
    return {
      query: sql`select 1 as "e" from ${tableAs(model, alias)}${whereClause(ctx.dialect, filter)} limit 1`,
      finish: (rows) => rows.length > 0,
    };
  });
}
