import type { MaybePromise } from '../plan/run-plan.js';
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { FieldDef, ModelDef } from '@warden/schema';
import type { QueryContext } from '../context.js';
import { fieldDecoder } from '../codec/decode.js';
import type { Pred } from '../filter/predicate.js';
import { andAll, not, orAll, predSql, whereClause } from '../filter/predicate.js';
import { buildFieldFilter } from '../filter/field-filter.js';
import type { BuildScope } from '../plan/build-scope.js';
import { runPlan } from '../plan/run-plan.js';
import { maskedInFilters, readableColumn } from '../shape/masked-column.js';
import { apiField } from '../schema-util.js';
import { expectObject, expectOneOf } from '../validate/args.js';
import type { ArgPath } from '../validate/invalid.js';
import { describeType, invalidInput, isPlainObject } from '../validate/invalid.js';
import type { AggregateOp } from './aggregate-columns.js';
import {
  AGGREGATES,
  aggregateAlias,
  aggregateColumns,
  aggregateOf,
  assignAggregates,
} from './aggregate-columns.js';
import { readArgs } from './read-args.js';
import { pageSql } from './row-source.js';
import { buildWhere } from '../filter/where.js';
import { rowFilter, withRule } from '../filter/row-filter.js';
import { col, tableAs } from '../relation/join.js';

const GROUP_BY_ARGS = new Set([
  'by',
  'where',
  'orderBy',
  'having',
  'take',
  'skip',
  '_count',
  '_avg',
  '_sum',
  '_min',
  '_max',
]);

/** The type an aggregate's value has, for filtering it in `having`. */
function aggregateField(field: FieldDef, op: AggregateOp): FieldDef {
  if (op === '_count') return { ...field, kind: 'scalar', type: 'Int', list: false };
  if (op === '_avg') return { ...field, type: field.type === 'Decimal' ? 'Decimal' : 'Float' };
  return field;
}

function buildHaving(
  scope: BuildScope,
  model: ModelDef,
  alias: string,
  by: ByColumns,
  having: unknown,
  path: ArgPath,
): Pred {
  const obj = expectObject(scope.site, path, having);
  const preds: Pred[] = [];
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (v === undefined) continue;
    const p = [...path, key];
    if (key === 'AND' || key === 'NOT') {
      const items = (Array.isArray(v) ? v : [v]).map((h, i) =>
        buildHaving(scope, model, alias, by, h, Array.isArray(v) ? [...p, i] : p),
      );
      preds.push(andAll(key === 'AND' ? items : items.map(not)));
      continue;
    }
    if (key === 'OR') {
      if (!Array.isArray(v))
        throw invalidInput(p, `expected an array, got ${describeType(v)}`, scope.site);
      preds.push(orAll(v.map((h, i) => buildHaving(scope, model, alias, by, h, [...p, i]))));
      continue;
    }
    const field = apiField(model, key);
    if (!field || field.kind === 'relation')
      throw invalidInput(p, `unknown scalar field '${key}' of model ${model.name}`, scope.site);
    const aggKeys = isPlainObject(v)
      ? Object.keys(v).filter((k) => (AGGREGATES as readonly string[]).includes(k))
      : [];
    if (aggKeys.length === 0) {
      if (!by.has(key))
        throw invalidInput(
          p,
          `'${key}' must be in 'by' to be filtered without an aggregate`,
          scope.site,
        );
      preds.push(buildFieldFilter(scope, model, field, by.get(key)!, v, p));
      continue;
    }
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (o[k] === undefined) continue;
      if (!aggKeys.includes(k))
        throw invalidInput([...p, k], `expected one of ${AGGREGATES.join(', ')}`, scope.site);
      const op = k as AggregateOp;
      const agg = aggregateOf(scope, model, op, field, alias);
      preds.push(
        buildFieldFilter(scope, model, aggregateField(field, op), agg.sql, o[k], [...p, k]),
      );
    }
  }
  return andAll(preds);
}

function groupOrderBy(
  scope: BuildScope,
  model: ModelDef,
  alias: string,
  by: ByColumns,
  orderBy: unknown,
  path: ArgPath,
): RawBuilder<unknown>[] {
  if (orderBy === undefined) return [];
  const list = Array.isArray(orderBy) ? orderBy : [orderBy];
  const terms: RawBuilder<unknown>[] = [];
  list.forEach((item, i) => {
    const p = Array.isArray(orderBy) ? [...path, i] : path;
    const obj = expectObject(scope.site, p, item);
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      if (v === undefined) continue;
      if ((AGGREGATES as readonly string[]).includes(key)) {
        const o = expectObject(scope.site, [...p, key], v);
        for (const f of Object.keys(o)) {
          const field = f === '_all' && key === '_count' ? null : apiField(model, f);
          if (field === undefined || field?.kind === 'relation')
            throw invalidInput(
              [...p, key, f],
              `unknown scalar field '${f}' of model ${model.name}`,
              scope.site,
            );
          const dir = expectOneOf(scope.site, [...p, key, f], o[f], ['asc', 'desc']);
          terms.push(
            sql`${aggregateOf(scope, model, key as AggregateOp, field, alias).sql} ${sql.raw(dir)}`,
          );
        }
        continue;
      }
      const field = apiField(model, key);
      if (!field || !by.has(key))
        throw invalidInput(
          [...p, key],
          `'${key}' must be in 'by' to order groups by it`,
          scope.site,
        );
      const dir = isPlainObject(v)
        ? expectOneOf(scope.site, [...p, key, 'sort'], v.sort, ['asc', 'desc'])
        : expectOneOf(scope.site, [...p, key], v, ['asc', 'desc']);
      const nulls =
        isPlainObject(v) && v.nulls !== undefined
          ? expectOneOf(scope.site, [...p, key, 'nulls'], v.nulls, ['first', 'last'])
          : undefined;
      terms.push(sql`${by.get(key)!} ${sql.raw(dir)}${sql.raw(nulls ? ` nulls ${nulls}` : '')}`);
    }
  });
  return terms;
}

/** The `by` fields' columns, by field name. */
type ByColumns = ReadonlyMap<string, RawBuilder<unknown>>;

/**
 * The table a `groupBy` reads and its `by` columns. Rows are grouped by the values this client
 * reads, so hidden values do not split groups: a `by` field a read rule may hide is computed
 * once, masked, in a derived table (PostgreSQL would not match the masked expression in the
 * select list, `having` and `order by` to the one in `group by`, as each has its own
 * parameters).
 */
function groupSource(
  ctx: QueryContext,
  model: ModelDef,
  alias: string,
  byFields: readonly FieldDef[],
): { by: ByColumns; from: RawBuilder<unknown> } {
  const by = new Map<string, RawBuilder<unknown>>();
  const masked: RawBuilder<unknown>[] = [];
  byFields.forEach((f, i) => {
    if (!maskedInFilters(ctx, model, f)) {
      by.set(f.name, col(alias, model, f.name));
      return;
    }
    const name = `$by${i}`;
    masked.push(sql`${readableColumn(ctx, model, f, alias, 'filter')} as ${sql.id(name)}`);
    by.set(f.name, sql.ref(`${alias}.${name}`));
  });
  const table = tableAs(model, alias);
  const from =
    masked.length === 0
      ? table
      : sql`(select ${sql.table(alias)}.*, ${sql.join(masked)} from ${table}) as ${sql.table(alias)}`;
  return { by, from };
}

/** `groupBy`: one result per distinct `by` tuple, with aggregates, `having`, order and paging. */
export function groupBy(ctx: QueryContext, model: ModelDef, args: unknown): MaybePromise<any[]> {
  return runPlan(ctx, model, 'groupBy', args, (scope) => {
    const a = readArgs(scope.site, args, GROUP_BY_ARGS);
    const byList = typeof a.by === 'string' ? [a.by] : a.by;
    if (!Array.isArray(byList) || byList.length === 0) {
      throw invalidInput(
        ['by'],
        `expected a field name or a non-empty array of field names, got ${describeType(a.by)}`,
        scope.site,
      );
    }
    const byFields = byList.map((n, i) => {
      const f = typeof n === 'string' ? apiField(model, n) : undefined;
      if (!f || f.kind === 'relation')
        throw invalidInput(
          ['by', i],
          `unknown scalar field '${String(n)}' of model ${model.name}`,
          scope.site,
        );
      return f;
    });
    const alias = scope.nextAlias();
    const { by, from } = groupSource(ctx, model, alias, byFields);
    const where = withRule(
      ctx,
      rowFilter(ctx, model, 'read', alias, a.where),
      a.where === undefined ? true : buildWhere(scope, model, alias, a.where, ['where']),
    );
    if (where === false) return { query: null, finish: () => [] };
    const aggs = aggregateColumns(scope, model, alias, a, []);
    const having =
      a.having === undefined ? true : buildHaving(scope, model, alias, by, a.having, ['having']);
    const order = groupOrderBy(scope, model, alias, by, a.orderBy, ['orderBy']);
    const groupCols = byFields.map((f) => by.get(f.name)!);
    const selectCols = [
      ...byFields.map(
        (f, i) => sql`${ctx.dialect.selectColumn(f, groupCols[i]!)} as ${sql.id(f.name)}`,
      ),
      ...aggs.map((g) => sql`${g.sql} as ${sql.id(aggregateAlias(g))}`),
    ];
    const decoders = byFields.map(
      (f) => [f.name, fieldDecoder(ctx.schema, ctx.provider, f, 'column')] as const,
    );
    const query = sql`select ${sql.join(selectCols)} from ${from}${whereClause(ctx.dialect, where)} group by ${sql.join(groupCols)}${having === true ? sql`` : sql` having ${predSql(ctx.dialect, having)}`}${order.length ? sql` order by ${sql.join(order)}` : sql``}${pageSql(scope, a, [])}`;
    return {
      query,
      finish: (rows) =>
        rows.map((row) => {
          const out: Record<string, any> = {};
          for (const [k, dec] of decoders) out[k] = dec(row[k]);
          assignAggregates(out, aggs, row);
          return out;
        }),
    };
  });
}
