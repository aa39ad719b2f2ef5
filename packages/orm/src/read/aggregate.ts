import type { MaybePromise } from '../plan/run-plan.js';
import { sql } from 'kysely';
import type { ModelDef } from '@warden/schema';
import type { QueryContext } from '../context.js';
import { whereClause } from '../filter/predicate.js';
import { runPlan } from '../plan/run-plan.js';
import { aggregateAlias, aggregateColumns, assignAggregates } from './aggregate-columns.js';
import { readArgs } from './read-args.js';
import { buildRowSource } from './row-source.js';

const AGGREGATE_ARGS = new Set([
  'where',
  'orderBy',
  'take',
  'skip',
  'cursor',
  '_count',
  '_avg',
  '_sum',
  '_min',
  '_max',
]);

/** `aggregate`: `_count _avg _sum _min _max` over the rows selected by `where` and pagination. */
export function aggregate(ctx: QueryContext, model: ModelDef, args: unknown): MaybePromise<any> {
  return runPlan(ctx, model, 'aggregate', args, (scope) => {
    const a = readArgs(scope.site, args, AGGREGATE_ARGS);
    const alias = scope.nextAlias();
    const src = buildRowSource(scope, model, alias, a, []);
    const paged = a.take !== undefined || a.skip !== undefined || a.cursor !== undefined;
    const outer = paged ? scope.nextAlias() : alias;
    const aggs = aggregateColumns(scope, model, outer, a, []);
    const exprs = aggs.map((g) => sql`${g.sql} as ${sql.id(aggregateAlias(g))}`);
    if (exprs.length === 0) exprs.push(sql`1 as "_"`);
    const rows = sql`${src.from}${whereClause(ctx.dialect, src.where === false ? false : src.where)}`;
    const query = paged
      ? sql`select ${sql.join(exprs)} from (select ${sql.table(alias)}.* from ${rows}${src.order}${src.page}) as ${sql.table(outer)}`
      : sql`select ${sql.join(exprs)} from ${rows}`;
    return {
      query,
      finish: (r) => {
        const out: Record<string, any> = {};
        assignAggregates(out, aggs, r[0] ?? {});
        return out;
      },
    };
  });
}
