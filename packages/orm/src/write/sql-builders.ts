import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { ModelDef } from '@warden/schema';
import type { QueryContext } from '../context.js';
import type { Pred } from '../filter/predicate.js';
import { whereClause } from '../filter/predicate.js';
import { tableAs } from '../relation/join.js';
import type { SetItem } from './plan-types.js';
import type { Binder } from './statement.js';
import { column, returningList } from './statement.js';

/** What `insertSql` inserts. */
export interface InsertSqlOptions {
  readonly cols: readonly string[];
  /** `rows[i][j]` is bound for `cols[j]`. */
  readonly rows: readonly (readonly unknown[])[];
  readonly b: Binder;
  /** An `on conflict ...` clause. */
  readonly conflict?: RawBuilder<unknown>;
  /** Whether the rows come back (RETURNING every column, then `extra`). */
  readonly returning: boolean;
  /** More RETURNING items (the `$readable` column). */
  readonly extra?: RawBuilder<unknown>;
}

/**
 * `insert into T (cols) values (...), (...) [on conflict ...] [returning ...]`. No columns:
 * `default values` (one row).
 */
export function insertSql(
  ctx: QueryContext,
  model: ModelDef,
  { cols, rows, b, conflict, returning, extra = sql`` }: InsertSqlOptions,
): RawBuilder<unknown> {
  const ret = returning ? sql` returning ${returningList(ctx, model)}${extra}` : sql``;
  const onConflict = conflict ?? sql``;
  if (cols.length === 0)
    return sql`insert into ${sql.table(model.dbName)} default values${onConflict}${ret}`;
  const tuples = rows.map((r) => sql`(${sql.join(r.map((v) => b.bind(v)))})`);
  return sql`insert into ${sql.table(model.dbName)} (${sql.join(cols.map((c) => column(model, c)))}) values ${sql.join(tuples)}${onConflict}${ret}`;
}

/** One `SET` assignment (number and list operators included). */
function assignment(
  ctx: QueryContext,
  model: ModelDef,
  s: SetItem,
  b: Binder,
  qualify: boolean,
): RawBuilder<unknown> {
  const target = column(model, s.field.name);
  // In `on conflict do update`, PostgreSQL needs the existing row's columns qualified.
  const c = qualify ? sql.ref(`${model.dbName}.${s.field.dbName}`) : target;
  const v = b.bind(s.value);
  const sqliteDecimal = ctx.provider === 'sqlite' && s.field.type === 'Decimal';
  const arith = (op: string): RawBuilder<unknown> =>
    sqliteDecimal
      ? sql`cast(cast(${c} as real) ${sql.raw(op)} cast(${v} as real) as text)`
      : sql`${c} ${sql.raw(op)} ${v}`;
  switch (s.op) {
    case 'set':
      return sql`${target} = ${v}`;
    case 'increment':
      return sql`${target} = ${arith('+')}`;
    case 'decrement':
      return sql`${target} = ${arith('-')}`;
    case 'multiply':
      return sql`${target} = ${arith('*')}`;
    case 'divide':
      // better-sqlite3 binds JS numbers as REAL: keep Int division integral (truncating, as PostgreSQL).
      return ctx.provider === 'sqlite' && s.field.type === 'Int'
        ? sql`${target} = cast(${arith('/')} as integer)`
        : sql`${target} = ${arith('/')}`;
    case 'push':
      // SQLite lists are JSON text we wrote ourselves ("[...]", no spaces): splice the arrays.
      return ctx.provider === 'sqlite'
        ? sql`${target} = json(case when ${c} is null or ${c} = '[]' then ${v} else substr(${c}, 1, length(${c}) - 1) || ',' || substr(${v}, 2) end)`
        : sql`${target} = array_cat(${c}, ${v})`;
  }
}

/** `a = ?, b = b + ?, ...` */
export function setList(
  ctx: QueryContext,
  model: ModelDef,
  sets: readonly SetItem[],
  b: Binder,
  qualify = false,
): RawBuilder<unknown> {
  return sql.join(sets.map((s) => assignment(ctx, model, s, b, qualify)));
}

/** `update T as alias set ... where ... [returning ...]` */
export function updateSql(
  ctx: QueryContext,
  model: ModelDef,
  alias: string,
  set: RawBuilder<unknown>,
  where: Pred,
  returning: boolean,
  extra: RawBuilder<unknown> = sql``,
): RawBuilder<unknown> {
  const ret = returning ? sql` returning ${returningList(ctx, model)}${extra}` : sql``;
  return sql`update ${tableAs(model, alias)} set ${set}${whereClause(ctx.dialect, where)}${ret}`;
}

/** `delete from T as alias where ... [returning ...]` */
export function deleteSql(
  ctx: QueryContext,
  model: ModelDef,
  alias: string,
  where: Pred,
  returning: boolean,
): RawBuilder<unknown> {
  const ret = returning ? sql` returning ${returningList(ctx, model)}` : sql``;
  return sql`delete from ${tableAs(model, alias)}${whereClause(ctx.dialect, where)}${ret}`;
}
