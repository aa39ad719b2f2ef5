import type { MaybePromise } from '../plan/run-plan.js';
import { sql } from 'kysely';
import type { ModelDef } from '@warden/schema';
import type { QueryContext } from '../context.js';
import { whereClause } from '../filter/predicate.js';
import { runPlan } from '../plan/run-plan.js';
import { columnsSql } from '../shape/shape-sql.js';
import { resolveSelection } from '../shape/selection.js';
import { notFound } from './find-unique.js';
import { FIND_MANY_ARGS, readArgs } from './read-args.js';
import { buildRowSource } from './row-source.js';

function findRows(
  ctx: QueryContext,
  model: ModelDef,
  operation: string,
  args: unknown,
  first: boolean,
): MaybePromise<any[]> {
  return runPlan(ctx, model, operation, args, (scope) => {
    const a = readArgs(scope.site, args, FIND_MANY_ARGS);
    const alias = scope.nextAlias();
    const sel = resolveSelection(scope, model, a, []);
    const src = buildRowSource(scope, model, alias, a, [], undefined, first ? 1 : undefined);
    if (src.where === false) return { query: null, finish: () => [] };
    const shaped = columnsSql(scope, sel, alias);
    const decode = shaped.decode;
    const reversed = src.reversed;
    return {
      query: sql`select ${shaped.sql} from ${src.from}${shaped.joins ?? sql``}${whereClause(ctx.dialect, src.where)}${src.order}${src.page}`,
      columns: shaped.columns,
      finish: (rows) => {
        const out = rows.map(decode);
        return reversed ? out.reverse() : out;
      },
    };
  });
}

/** `findMany`: rows matching `where`, shaped, ordered and paginated; one SQL statement. */
export function findMany(ctx: QueryContext, model: ModelDef, args: unknown): MaybePromise<any[]> {
  return findRows(ctx, model, 'findMany', args, false);
}

/** `findFirst`: the first row `findMany` would return, or `null`. */
export async function findFirst(ctx: QueryContext, model: ModelDef, args: unknown): Promise<any> {
  const rows = await findRows(ctx, model, 'findFirst', args, true);
  return rows[0] ?? null;
}

/** `findFirstOrThrow`: like `findFirst`, NOT_FOUND instead of `null`. */
export async function findFirstOrThrow(
  ctx: QueryContext,
  model: ModelDef,
  args: unknown,
): Promise<any> {
  const rows = await findRows(ctx, model, 'findFirstOrThrow', args, true);
  if (rows.length === 0) throw notFound(model, 'findFirstOrThrow');
  return rows[0];
}
