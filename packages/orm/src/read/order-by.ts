import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { ModelDef } from '@warden/schema';
import type { BuildScope } from '../plan/build-scope.js';
import { andAll, predSql } from '../filter/predicate.js';
import { rowFilter, withRule } from '../filter/row-filter.js';
import { buildWhere } from '../filter/where.js';
import { col, relationJoin } from '../relation/join.js';
import { maskedInFilters, readableColumn } from '../shape/masked-column.js';
import { apiField } from '../schema-util.js';
import { checkedKeys, expectObject, expectOneOf } from '../validate/args.js';
import type { ArgPath } from '../validate/invalid.js';
import { invalidInput, isPlainObject } from '../validate/invalid.js';

/** One ORDER BY term; `render` gives its expression for any alias of the model's table. */
export interface OrderItem {
  readonly render: (alias: string) => RawBuilder<unknown>;
  readonly desc: boolean;
  readonly nulls?: 'first' | 'last';
  /** The scalar field it orders by, when it is a plain column (for cursor tie-breaks). */
  readonly field?: string;
  /** The term can be NULL (an optional field, a field through a to-one relation). */
  readonly nullable?: boolean;
}

const SORT = ['asc', 'desc'] as const;

/** Parses `orderBy` (an object or an array of objects) into terms, in order. */
export function buildOrderBy(
  scope: BuildScope,
  model: ModelDef,
  orderBy: unknown,
  path: ArgPath,
): OrderItem[] {
  if (orderBy === undefined || orderBy === null) return [];
  if (Array.isArray(orderBy))
    return orderBy.flatMap((o, i) => buildOrderBy(scope, model, o, [...path, i]));
  const obj = expectObject(scope.site, path, orderBy);
  const out: OrderItem[] = [];
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (v === undefined) continue;
    const p = [...path, key];
    const field = apiField(model, key);
    if (!field) throw invalidInput(p, `unknown field '${key}' of model ${model.name}`, scope.site);
    if (field.kind !== 'relation') {
      // `{ sort, nulls? }` or just the direction.
      let desc: boolean;
      let nulls: 'first' | 'last' | undefined;
      if (isPlainObject(v)) {
        checkedKeys(scope.site, p, v, new Set(['sort', 'nulls']));
        desc = expectOneOf(scope.site, [...p, 'sort'], v.sort, SORT) === 'desc';
        nulls =
          v.nulls === undefined
            ? undefined
            : expectOneOf(scope.site, [...p, 'nulls'], v.nulls, ['first', 'last'] as const);
      } else {
        desc = expectOneOf(scope.site, p, v, SORT) === 'desc';
      }
      out.push({
        render: (a) =>
          scope.ctx.dialect.comparable(
            field,
            readableColumn(scope.ctx, model, field, a, 'filter'),
          ) as RawBuilder<unknown>,
        desc,
        field: key,
        nullable: field.optional || maskedInFilters(scope.ctx, model, field),
        ...(nulls ? { nulls } : {}),
      });
      continue;
    }
    const rel = expectObject(scope.site, p, v);
    if (field.list) {
      checkedKeys(scope.site, p, rel, new Set(['_count']));
      const desc = expectOneOf(scope.site, [...p, '_count'], rel._count, SORT) === 'desc';
      out.push({
        desc,
        render: (a) => {
          const inner = scope.nextAlias();
          const join = relationJoin(scope.ctx, model, field, a, inner);
          const cond = andAll([join.on, rowFilter(scope.ctx, join.target, 'read', inner)]);
          return sql`(select count(*) from ${join.from} where ${predSql(scope.ctx.dialect, cond)})`;
        },
      });
      continue;
    }
    const target = scope.ctx.schema.models[field.type]!;
    for (const sub of buildOrderBy(scope, target, rel, p)) {
      out.push({
        desc: sub.desc,
        nullable: true, // the related row may be absent
        ...(sub.nulls ? { nulls: sub.nulls } : {}),
        render: (a) => {
          const inner = scope.nextAlias();
          const join = relationJoin(scope.ctx, model, field, a, inner);
          const cond = andAll([join.on, rowFilter(scope.ctx, join.target, 'read', inner)]);
          return sql`(select ${sub.render(inner)} from ${join.from} where ${predSql(scope.ctx.dialect, cond)})`;
        },
      });
    }
  }
  return out;
}

/** ` order by ...` for `items` on `alias` (reversed for negative `take`), or nothing. */
export function orderBySql(
  items: readonly OrderItem[],
  alias: string,
  reverse: boolean,
): RawBuilder<unknown> {
  if (items.length === 0) return sql``;
  const terms = items.map((o) => {
    const desc = o.desc !== reverse;
    const nulls = o.nulls
      ? reverse
        ? o.nulls === 'first'
          ? 'last'
          : 'first'
        : o.nulls
      : undefined;
    return sql`${o.render(alias)} ${sql.raw(desc ? 'desc' : 'asc')}${sql.raw(nulls ? ` nulls ${nulls}` : '')}`;
  });
  return sql` order by ${sql.join(terms)}`;
}

/** Adds the id fields as final terms so the order is total (cursor and negative take need it). */
export function withIdTieBreak(
  model: ModelDef,
  items: OrderItem[],
  scope: BuildScope,
): OrderItem[] {
  const have = new Set(items.map((o) => o.field).filter(Boolean));
  const extra = model.idFields
    .filter((f) => !have.has(f))
    .map((f): OrderItem => ({
      render: (a) =>
        scope.ctx.dialect.comparable(model.fields[f]!, col(a, model, f)) as RawBuilder<unknown>,
      desc: false,
      field: f,
    }));
  return [...items, ...extra];
}

/**
 * The cursor condition: rows at or after the cursor row in `items` order (before it when
 * `reverse`). The cursor row's values come from scalar subqueries on its unique where.
 * Terms that can be NULL compare where the ORDER BY puts NULLs (explicit `nulls`, else the
 * database's default: smallest on SQLite, largest on PostgreSQL), so a cursor on a row with
 * a NULL key, or NULL rows after the cursor, are neither skipped nor repeated.
 */
export function cursorPredicate(
  scope: BuildScope,
  model: ModelDef,
  alias: string,
  items: readonly OrderItem[],
  cursor: unknown,
  path: ArgPath,
  reverse: boolean,
): RawBuilder<boolean> {
  const d = scope.ctx.dialect;
  const sqlite = scope.ctx.provider === 'sqlite';
  const cAlias = scope.nextAlias();
  // The cursor row is found among the rows this client may read: a hidden row as cursor is a
  // missing one (no rows), else its values would position the page and so reveal themselves.
  const cWhere = predSql(
    d,
    withRule(
      scope.ctx,
      rowFilter(scope.ctx, model, 'read', cAlias),
      buildWhere(scope, model, cAlias, cursor, path),
    ),
  );
  const cursorValue = (o: OrderItem) =>
    sql`(select ${o.render(cAlias)} from ${sql.table(model.dbName)} as ${sql.table(cAlias)} where ${cWhere})`;
  const same = (o: OrderItem): RawBuilder<boolean> => {
    const r = o.render(alias);
    const c = cursorValue(o);
    if (!o.nullable) return sql<boolean>`${r} = ${c}`;
    return sqlite ? sql<boolean>`${r} is ${c}` : sql<boolean>`${r} is not distinct from ${c}`;
  };
  const after = (o: OrderItem): RawBuilder<boolean> => {
    const desc = o.desc !== reverse;
    const r = o.render(alias);
    const c = cursorValue(o);
    const beyond = sql<boolean>`${r} ${sql.raw(desc ? '<' : '>')} ${c}`;
    if (!o.nullable) return beyond;
    const nullsFirst = o.nulls ? (o.nulls === 'first') !== reverse : sqlite ? !desc : desc;
    return nullsFirst
      ? sql<boolean>`((${c} is null and ${r} is not null) or ${beyond})`
      : sql<boolean>`((${r} is null and ${c} is not null) or ${beyond})`;
  };
  const branches: RawBuilder<boolean>[] = [];
  for (let i = 0; i <= items.length; i++) {
    const eqs = items.slice(0, i).map(same);
    if (i < items.length) eqs.push(after(items[i]!));
    branches.push(sql<boolean>`(${sql.join(eqs, sql` and `)})`);
  }
  return sql<boolean>`(${sql.join(branches, sql` or `)})`;
}
