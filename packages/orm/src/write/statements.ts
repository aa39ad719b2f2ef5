import { sql } from 'kysely';
import type { CompiledQuery, RawBuilder } from 'kysely';
import type { ModelDef } from '@warden/schema';
import { WardenError } from '@warden/schema';
import type { RowOperation } from '../context.js';
import { whereClause } from '../filter/predicate.js';
import { formatPath } from '../validate/invalid.js';
import { shapeKey } from '../plan/shape-key.js';
import { cachePrefix } from './top-args.js';
import { BuildScope } from '../plan/build-scope.js';
import { tableAs } from '../relation/join.js';
import type { CreatePlan, SetItem, WhereRef } from './plan-types.js';
import { deleteSql, insertSql, setList, updateSql } from './sql-builders.js';
import type { Row, StatementResult } from './statement.js';
import { Binder, execute, rememberPlan, selectList } from './statement.js';
import type { WriteScope } from './write-scope.js';
import { describeWhere } from './not-found.js';
import type { UpdateOrigin } from './write-hooks.js';
import { watchedUpdate, writeHooks } from './write-hooks.js';
import { readableColumn } from './readable-returning.js';
import type { Scoped } from './run-statement.js';
import { ALL, run, writeFilter } from './run-statement.js';
import { updateWatched } from './watched-update.js';

/**
 * The one-statement primitives of the write path (select, insert, update, delete of the rows
 * of one model) and the plan cache of those whose SQL depends only on their shape. The tree
 * walk (`run-tree.ts`) and the relation sides (`relation-sides.ts`) are built from these.
 */

/** Rows of `model` matching `where` and `extra` (all columns); the lookup of connects. */
export async function selectRows(
  w: WriteScope,
  model: ModelDef,
  where: WhereRef | undefined,
  extra: Scoped,
  op: RowOperation,
  limit?: number,
): Promise<Row[]> {
  const build = (scope: BuildScope, b: Binder): RawBuilder<unknown> | null => {
    const alias = scope.nextAlias();
    const pred = writeFilter(scope, b, model, alias, op, where, extra);
    if (pred === false) return null;
    const lim = limit === undefined ? sql`` : sql` limit ${sql.lit(limit)}`;
    return sql`select ${selectList(w.ctx, model, alias)} from ${tableAs(model, alias)}${whereClause(w.ctx.dialect, pred)}${lim}`;
  };
  // Lookups by a `where` alone (connects) bind nothing of their own: cache them by shape.
  const res =
    extra === ALL
      ? await runCached(
          w,
          model,
          `sel|${model.name}|${op}|${limit ?? ''}|${whereKey(where)}`,
          [],
          build,
        )
      : await run(w, model, build);
  return res.rows;
}

/** The row of `model` a nested `connect` names (read filter applies); NOT_FOUND when none. */
export async function connectTarget(w: WriteScope, model: ModelDef, where: WhereRef): Promise<Row> {
  const [row] = await selectRows(w, model, where, ALL, 'read', 1);
  if (!row) throw notFound(w, model, 'connect', where);
  return row;
}

/** Cache-key part of a `where`: its absolute path (parameters are read there) and shape. */
export function whereKey(where: WhereRef | undefined): string {
  return where === undefined
    ? ''
    : `${where.path.join('\u0001')}|${shapeKey({ where: where.value })}`;
}

/**
 * `run` for a statement whose SQL depends only on `key` (which must name everything that
 * shapes it): compiled once and kept in the plan cache. `values` are the `ValueRef` values in
 * the order `build` binds them.
 */
export async function runCached(
  w: WriteScope,
  model: ModelDef,
  key: string,
  values: readonly unknown[],
  build: (scope: BuildScope, b: Binder) => RawBuilder<unknown> | null,
): Promise<StatementResult> {
  const { ctx } = w;
  const prefix = cachePrefix(ctx, w.site.operation, model);
  // The where's error messages name the top-level model and operation: part of the key.
  const k = prefix === undefined ? undefined : `${prefix}|${w.site.model}|${key}`;
  let compiled = k === undefined ? undefined : ctx.plans.get<CompiledQuery<unknown> | null>(k);
  if (compiled === undefined) {
    const q = build(new BuildScope(ctx, w.site), new Binder());
    compiled = q ? q.compile(ctx.kysely) : null;
    if (k !== undefined) rememberPlan(ctx, k, compiled);
  }
  if (compiled === null) return { rows: [], count: 0 };
  return execute(ctx, model, w.site.operation, compiled, w.root, values);
}

/** NOT_FOUND for a nested write (`what`) that found no `model` row for `where`. */
export function notFound(
  w: WriteScope,
  model: ModelDef,
  what: string,
  where: WhereRef | undefined,
): WardenError {
  const at = where ? formatPath(where.path) : undefined;
  return new WardenError(
    'NOT_FOUND',
    `${w.site.model}.${w.site.operation}: no ${model.name} found for ${what}${where ? ` where ${describeWhere(where.value)} (at ${at})` : ''}`,
    { model: model.name, operation: w.site.operation, ...(at === undefined ? {} : { path: at }) },
  );
}

/**
 * The error for a nested update or delete (`what`) that reached no row. Under access policies
 * (a `rowFilter` hook) a write reaches only rows that are readable AND permitted: when the
 * read filter alone shows a row there (`scoped` as the write had it), the rules refused it
 * (`REJECTED_BY_POLICY`, as for a top-level write); else it is missing or hidden
 * (`NOT_FOUND`: a hidden row's existence is not revealed).
 */
export async function notReached(
  w: WriteScope,
  model: ModelDef,
  what: string,
  where: WhereRef | undefined,
  scoped: Scoped,
): Promise<WardenError> {
  if (w.ctx.hooks?.rowFilter) {
    const [readable] = await selectRows(w, model, where, scoped, 'read', 1);
    if (readable) {
      const at = where ? formatPath(where.path) : undefined;
      return new WardenError(
        'REJECTED_BY_POLICY',
        `${w.site.model}.${w.site.operation}: the access policy does not allow the ${what} of ${model.name}${where ? ` where ${describeWhere(where.value)} (at ${at})` : ''} for the current user`,
        {
          model: model.name,
          operation: w.site.operation,
          reason: 'no-access',
          ...(at === undefined ? {} : { path: at }),
        },
      );
    }
  }
  return notFound(w, model, what, where);
}

/**
 * `insert into <model> (...) values (...) returning ...` for one row: compiled once per
 * (model, column set) and kept in the plan cache, so repeated creates only bind values.
 */
export async function insertRow(w: WriteScope, model: ModelDef, values: Row): Promise<Row> {
  const { ctx } = w;
  const cols = Object.keys(values);
  const key = `w:insert|${model.name}|${cols.join(',')}`;
  let compiled = ctx.plans.get<CompiledQuery<unknown>>(key);
  if (!compiled) {
    compiled = insertSql(ctx, model, {
      cols,
      rows: [cols],
      b: new Binder(),
      returning: true,
    }).compile(ctx.kysely);
    rememberPlan(ctx, key, compiled);
  }
  return runInsert(w, model, compiled, cols, values);
}

async function runInsert(
  w: WriteScope,
  model: ModelDef,
  compiled: CompiledQuery<unknown>,
  cols: readonly string[],
  values: Row,
): Promise<Row> {
  const res = await execute(
    w.ctx,
    model,
    w.site.operation,
    compiled,
    w.root,
    cols.map((c) => values[c]),
  );
  return res.rows[0]!;
}

/**
 * Inserts one childless row with the `$readable` column in RETURNING (see `readableColumn`),
 * running the `beforeCreate` hook first; `undefined` when the hooks cannot provide the column.
 */
export async function insertRowReadable(
  w: WriteScope,
  plan: CreatePlan,
  selected: readonly string[],
): Promise<Row | undefined> {
  const { ctx } = w;
  const model = plan.model;
  const cacheKey = ctx.hooks?.cacheKey;
  const cols = Object.keys(plan.values);
  const key =
    cacheKey === undefined
      ? undefined
      : `w:insert-rr|${model.name}|${cacheKey}|${selected.join(',')}|${cols.join(',')}`;
  let compiled = key ? ctx.plans.get<CompiledQuery<unknown> | null>(key) : undefined;
  if (compiled === null) return undefined;
  if (compiled === undefined) {
    const extra = readableColumn(ctx, model, model.dbName, selected);
    compiled = extra
      ? insertSql(ctx, model, {
          cols,
          rows: [cols],
          b: new Binder(),
          returning: true,
          extra,
        }).compile(ctx.kysely)
      : null;
    if (key) rememberPlan(ctx, key, compiled);
    if (!compiled) return undefined;
  }
  const hooks = writeHooks(ctx);
  if (hooks?.beforeCreate)
    await hooks.beforeCreate(model, { data: plan.api, columns: plan.values }, ctx);
  return runInsert(w, model, compiled, cols, plan.values);
}

/** What `insertMany` inserts and how. */
export interface InsertManyOptions {
  readonly plans: readonly CreatePlan[];
  /** Columns every row gets (the parent's foreign key of a nested `createMany`). */
  readonly fixed?: Row;
  /** `on conflict do nothing`. */
  readonly skipDuplicates: boolean;
  /** Whether the inserted rows come back (RETURNING). */
  readonly returning: boolean;
}

/** Inserts many childless rows in as few statements as the parameter limits allow. */
export async function insertMany(
  w: WriteScope,
  model: ModelDef,
  { plans, fixed, skipDuplicates, returning }: InsertManyOptions,
): Promise<{ rows: Row[]; count: number }> {
  const groups = new Map<string, Row[]>();
  for (const p of plans) {
    const values: Row = { ...p.values, ...fixed };
    const key = Object.keys(values).join('\0');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(values);
  }
  const hooks = writeHooks(w.ctx);
  if (hooks?.beforeCreateMany) {
    const rows = plans.map((p) => ({ data: p.api, columns: { ...p.values, ...fixed } }));
    await hooks.beforeCreateMany(model, rows, w.ctx);
  } else if (hooks?.beforeCreate) {
    for (const p of plans)
      await hooks.beforeCreate(model, { data: p.api, columns: { ...p.values, ...fixed } }, w.ctx);
  }
  const rows: Row[] = [];
  let count = 0;
  const maxParams = w.ctx.provider === 'sqlite' ? 30000 : 60000;
  for (const g of groups.values()) {
    const cols = Object.keys(g[0]!);
    const per = cols.length === 0 ? 1 : Math.max(1, Math.floor(maxParams / cols.length));
    for (let i = 0; i < g.length; i += per) {
      const chunk = g.slice(i, i + per);
      const res = await run(w, model, (_s, b) =>
        insertSql(w.ctx, model, {
          cols,
          rows: chunk.map((r) => cols.map((c) => r[c])),
          b,
          conflict: skipDuplicates ? sql` on conflict do nothing` : undefined,
          returning,
        }),
      );
      rows.push(...res.rows);
      count += res.count;
    }
  }
  return { rows, count };
}

/** What `updateWhere` changes, in which rows, and what its hooks are told. */
export interface UpdateWhereOptions {
  readonly sets: readonly SetItem[];
  /** The user's `where` (read by path from the operation's arguments). */
  readonly where?: WhereRef;
  /** The relation scope: rows linked to a parent, or given rows (`ALL` when none). */
  readonly extra: Scoped;
  /** Whether the updated rows come back (RETURNING). */
  readonly returning: boolean;
  /** Where the update comes from, for the update hooks. */
  readonly origin: UpdateOrigin;
}

/**
 * `update <model> set <sets> where <where and extra>`: the plain statement (no nested writes).
 * When update hooks watch it (`watchedUpdate`), it runs through `updateWatched` instead (ids
 * first, `beforeUpdate`, the update, `afterUpdate`, in a transaction).
 */
export function updateWhere(
  w: WriteScope,
  model: ModelDef,
  { sets, where, extra, returning, origin }: UpdateWhereOptions,
): Promise<StatementResult> {
  const watched = watchedUpdate(w.ctx, model, sets);
  if (watched) return updateWatched(w, model, { sets, where, extra, watched, origin });
  return run(w, model, (scope, b) => {
    const set = setList(w.ctx, model, sets, b);
    const alias = scope.nextAlias();
    const pred = writeFilter(scope, b, model, alias, 'update', where, extra);
    if (pred === false) return null;
    return updateSql(w.ctx, model, alias, set, pred, returning);
  });
}

/** `delete from <model> where <where and extra>`, with the deleted rows when `returning`. */
export function deleteWhere(
  w: WriteScope,
  model: ModelDef,
  where: WhereRef | undefined,
  extra: Scoped,
  returning: boolean,
): Promise<StatementResult> {
  return run(w, model, (scope, b) => {
    const alias = scope.nextAlias();
    const pred = writeFilter(scope, b, model, alias, 'delete', where, extra);
    if (pred === false) return null;
    return deleteSql(w.ctx, model, alias, pred, returning);
  });
}
