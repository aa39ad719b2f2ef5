import type { MaybePromise } from '../plan/run-plan.js';
import { sql } from 'kysely';
import type { ModelDef } from '@warden/schema';
import { WardenError } from '@warden/schema';
import type { QueryContext } from '../context.js';
import { whereClause } from '../filter/predicate.js';
import { rowFilter, withRule } from '../filter/row-filter.js';
import { buildWhere } from '../filter/where.js';
import { runPlan } from '../plan/run-plan.js';
import { tableAs } from '../relation/join.js';
import { columnsSql } from '../shape/shape-sql.js';
import { resolveSelection } from '../shape/selection.js';
import { FIND_UNIQUE_ARGS, readArgs } from './read-args.js';
import { resolveUniqueWhere } from './unique-where.js';

/** `findUnique`: the row identified by a unique `where`, or `null`. */
export function findUnique(
  ctx: QueryContext,
  model: ModelDef,
  args: unknown,
  operation = 'findUnique',
): MaybePromise<any> {
  return runPlan(ctx, model, operation, args, (scope) => {
    const a = readArgs(scope.site, args, FIND_UNIQUE_ARGS);
    resolveUniqueWhere(scope.site, model, a.where, ['where']);
    const alias = scope.nextAlias();
    const sel = resolveSelection(scope, model, a, []);
    const filter = withRule(
      ctx,
      rowFilter(ctx, model, 'read', alias, a.where),
      buildWhere(scope, model, alias, a.where, ['where']),
    );
    if (filter === false) return { query: null, finish: () => null };
    const shaped = columnsSql(scope, sel, alias);
    const decode = shaped.decode;
    return {
      query: sql`select ${shaped.sql} from ${tableAs(model, alias)}${shaped.joins ?? sql``}${whereClause(ctx.dialect, filter)}`,
      columns: shaped.columns,
      finish: (rows) => (rows.length === 0 ? null : decode(rows[0])),
    };
  });
}

/** The NOT_FOUND error of the `...OrThrow` operations. */
export function notFound(model: ModelDef, operation: string): WardenError {
  return new WardenError('NOT_FOUND', `No ${model.name} found`, { model: model.name, operation });
}

export async function findUniqueOrThrow(
  ctx: QueryContext,
  model: ModelDef,
  args: unknown,
): Promise<any> {
  const row = await findUnique(ctx, model, args, 'findUniqueOrThrow');
  if (row === null) throw notFound(model, 'findUniqueOrThrow');
  return row;
}
