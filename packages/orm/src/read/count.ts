import type { MaybePromise } from '../plan/run-plan.js';
import { sql } from 'kysely';
import type { ModelDef } from '@warden/schema';
import type { QueryContext } from '../context.js';
import { whereClause } from '../filter/predicate.js';
import { runPlan } from '../plan/run-plan.js';
import { readableColumn } from '../shape/masked-column.js';
import { apiField } from '../schema-util.js';
import { expectBoolean, expectObject } from '../validate/args.js';
import { invalidInput } from '../validate/invalid.js';
import { readArgs } from './read-args.js';
import { buildRowSource } from './row-source.js';

const COUNT_ARGS = new Set(['where', 'orderBy', 'take', 'skip', 'cursor', 'select', 'distinct']);

/**
 * `count`: a number, or with `select: { _all: true, title: true }` an object of counts
 * (non-null values per field). Pagination arguments count within the page.
 */
export function count(ctx: QueryContext, model: ModelDef, args: unknown): MaybePromise<any> {
  return runPlan(ctx, model, 'count', args, (scope) => {
    const a = readArgs(scope.site, args, COUNT_ARGS);
    const alias = scope.nextAlias();
    const src = buildRowSource(scope, model, alias, a, []);
    let fields: string[] | null = null;
    if (a.select !== undefined) {
      const sel = expectObject(scope.site, ['select'], a.select);
      fields = [];
      for (const k of Object.keys(sel)) {
        if (sel[k] === undefined || !expectBoolean(scope.site, ['select', k], sel[k])) continue;
        const f = k === '_all' ? undefined : apiField(model, k);
        if (k !== '_all' && (!f || f.kind === 'relation')) {
          throw invalidInput(
            ['select', k],
            `unknown scalar field '${k}' of model ${model.name}`,
            scope.site,
          );
        }
        fields.push(k);
      }
    }
    const names = fields;
    if (src.where === false) {
      return {
        query: null,
        finish: () => (names ? Object.fromEntries(names.map((n) => [n, 0])) : 0),
      };
    }
    const paged =
      a.take !== undefined ||
      a.skip !== undefined ||
      a.cursor !== undefined ||
      a.distinct !== undefined;
    const outer = paged ? scope.nextAlias() : alias;
    const exprs = names
      ? names.map(
          (n) =>
            sql`${n === '_all' ? sql`count(*)` : sql`count(${readableColumn(ctx, model, model.fields[n]!, outer, 'filter')})`} as ${sql.id(n)}`,
        )
      : [sql`count(*) as "_all"`];
    const rows = sql`${src.from}${whereClause(ctx.dialect, src.where)}`;
    const query = paged
      ? sql`select ${sql.join(exprs)} from (select ${sql.table(alias)}.* from ${rows}${src.order}${src.page}) as ${sql.table(outer)}`
      : sql`select ${sql.join(exprs)} from ${rows}`;
    return {
      query,
      finish: (r) =>
        names ? Object.fromEntries(names.map((n) => [n, Number(r[0][n])])) : Number(r[0]._all),
    };
  });
}
