import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { ModelDef } from '@warden/schema';
import type { BuildScope } from '../plan/build-scope.js';
import type { Pred } from '../filter/predicate.js';
import { andAll, predSql } from '../filter/predicate.js';
import { rowFilter, withRule } from '../filter/row-filter.js';
import { buildWhere } from '../filter/where.js';
import type { RelationJoin } from '../relation/join.js';
import { tableAs } from '../relation/join.js';
import { readableColumn } from '../shape/masked-column.js';
import { apiField } from '../schema-util.js';
import { expectInt } from '../validate/args.js';
import { literalSkip } from '../plan/shape-key.js';
import type { ArgPath } from '../validate/invalid.js';
import { describeType, invalidInput } from '../validate/invalid.js';
import type { OrderItem } from './order-by.js';
import { buildOrderBy, cursorPredicate, orderBySql, withIdTieBreak } from './order-by.js';

/** The rows a read selects: FROM, WHERE, ORDER BY and LIMIT/OFFSET, before the column list. */
export interface RowSource {
  readonly from: RawBuilder<unknown>;
  readonly where: Pred;
  readonly order: RawBuilder<unknown>;
  readonly page: RawBuilder<unknown>;
  /** Negative `take`: the SQL order is reversed and the rows must be reversed back. */
  readonly reversed: boolean;
  readonly orderItems: readonly OrderItem[];
}

/**
 * Builds the row source of `model` (alias `alias`) from `where orderBy take skip cursor
 * distinct` in `args` (at `path`). `link` correlates it to an outer row (nested relations).
 */
export function buildRowSource(
  scope: BuildScope,
  model: ModelDef,
  alias: string,
  args: Record<string, unknown>,
  path: ArgPath,
  link?: RelationJoin,
  defaultTake?: number,
): RowSource {
  const d = scope.ctx.dialect;
  let filter = andAll([
    link ? link.on : true,
    withRule(
      scope.ctx,
      rowFilter(scope.ctx, model, 'read', alias, args.where),
      args.where === undefined
        ? true
        : buildWhere(scope, model, alias, args.where, [...path, 'where']),
    ),
  ]);
  let items = buildOrderBy(scope, model, args.orderBy, [...path, 'orderBy']);
  let reversed = false;
  if (args.take !== undefined)
    reversed = expectInt(scope.site, [...path, 'take'], args.take, true) < 0;
  if (args.skip !== undefined) expectInt(scope.site, [...path, 'skip'], args.skip, false);
  if (args.cursor !== undefined || reversed) items = withIdTieBreak(model, items, scope);
  let cursor: Pred = true;
  if (args.cursor !== undefined) {
    cursor = cursorPredicate(
      scope,
      model,
      alias,
      items,
      args.cursor,
      [...path, 'cursor'],
      reversed,
    );
  }
  let from: RawBuilder<unknown> = link ? link.from : tableAs(model, alias);
  if (args.distinct !== undefined) {
    const fields = distinctFields(scope, model, args.distinct, [...path, 'distinct']);
    const partition = sql.join(
      fields.map((f) => readableColumn(scope.ctx, model, model.fields[f]!, alias, 'filter')),
    );
    from = sql`(select ${sql.table(alias)}.*, row_number() over (partition by ${partition}${orderBySql(items, alias, reversed)}) as "_rn" from ${from} where ${predSql(d, filter)}) as ${sql.table(alias)}`;
    filter = sql<boolean>`${sql.ref(`${alias}._rn`)} = 1`;
  }
  return {
    from,
    where: andAll([filter, cursor]),
    order: orderBySql(items, alias, reversed),
    page: pageSql(scope, args, path, defaultTake),
    reversed,
    orderItems: items,
  };
}

function distinctFields(
  scope: BuildScope,
  model: ModelDef,
  value: unknown,
  path: ArgPath,
): string[] {
  const names = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(names) || names.length === 0) {
    throw invalidInput(
      path,
      `expected a field name or a non-empty array of field names, got ${describeType(value)}`,
      scope.site,
    );
  }
  return names.map((n, i) => {
    const f = typeof n === 'string' ? apiField(model, n) : undefined;
    if (!f || f.kind === 'relation') {
      throw invalidInput(
        [...path, i],
        `unknown scalar field '${String(n)}' of model ${model.name}`,
        scope.site,
      );
    }
    return f.name;
  });
}

/**
 * ` limit n offset ?` from `take` / `skip`. `take` is a literal (and part of the plan's shape
 * key): measured on SQLite, a bound LIMIT makes an index-ordered page scan about 20% slower,
 * and PostgreSQL's generic plans cannot cost a LIMIT they cannot see. Apps use few page sizes,
 * so this costs few plans; `skip` varies per page and stays a parameter.
 */
export function pageSql(
  scope: BuildScope,
  args: Record<string, unknown>,
  path: ArgPath,
  defaultTake?: number,
): RawBuilder<unknown> {
  const takePath = [...path, 'take'];
  const skipPath = [...path, 'skip'];
  const take =
    args.take === undefined
      ? defaultTake === undefined
        ? undefined
        : sql`${sql.lit(defaultTake)}`
      : sql`${sql.lit(Math.abs(expectInt(scope.site, takePath, args.take, true)))}`;
  const literal = literalSkip(args.take, args.skip);
  const skip =
    args.skip === undefined
      ? undefined
      : literal !== undefined
        ? sql`${sql.lit(literal)}`
        : scope.param(skipPath, (x) => expectInt(scope.site, skipPath, x, false));
  if (take && skip) return sql` limit ${take} offset ${skip}`;
  if (take) return sql` limit ${take}`;
  if (skip)
    return scope.ctx.provider === 'sqlite' ? sql` limit -1 offset ${skip}` : sql` offset ${skip}`;
  return sql``;
}
