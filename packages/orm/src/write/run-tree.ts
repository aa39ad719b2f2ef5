import { sql } from 'kysely';
import type { CompiledQuery, RawBuilder } from 'kysely';
import type { ModelDef } from '@warden/schema';
import { WardenError } from '@warden/schema';
import type { QueryContext, RowOperation } from '../context.js';
import { runInTransaction } from '../client/transaction.js';
import { idWhere } from './result.js';
import { rowKey } from './row-key.js';
import { andAll, predSql, whereClause } from '../filter/predicate.js';
import type { ArgPath } from '../validate/invalid.js';
import { formatPath } from '../validate/invalid.js';
import { shapeKey } from '../plan/shape-key.js';
import { cachePrefix } from './top-args.js';
import { BuildScope } from '../plan/build-scope.js';
import { tableAs } from '../relation/join.js';
import type { CreatePlan, RelationOp, SetItem, UpdatePlan, WhereRef } from './plan-types.js';
import type { RelationInfo } from './relation-info.js';
import { deleteSql, insertSql, setList, updateSql } from './sql-builders.js';
import type { Row, StatementResult } from './statement.js';
import { Binder, aliased, execute, rememberPlan, selectList } from './statement.js';
import type { WriteScope } from './write-scope.js';
import { describeWhere } from './not-found.js';
import type { IdWhere, UpdateOrigin, WriteHooks } from './write-hooks.js';
import { watchedUpdate, writeHooks } from './write-hooks.js';
import { readableColumn } from './readable-returning.js';
import type { Scoped } from './run-statement.js';
import { ALL, run, writeFilter } from './run-statement.js';
import { updateWatched } from './watched-update.js';

export type { Scoped };
export { writeFilter };

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

/** Cache-key part of a `where`: its absolute path (parameters are read there) and shape. */
function whereKey(where: WhereRef | undefined): string {
  return where === undefined
    ? ''
    : `${where.path.join('\u0001')}|${shapeKey({ where: where.value })}`;
}

/**
 * `run` for a statement whose SQL depends only on `key` (which must name everything that
 * shapes it): compiled once and kept in the plan cache. `values` are the `ValueRef` values in
 * the order `build` binds them.
 */
async function runCached(
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

function notFound(
  w: WriteScope,
  model: ModelDef,
  what: string,
  where: WhereRef | undefined,
): WardenError {
  return new WardenError(
    'NOT_FOUND',
    `${w.site.model}.${w.site.operation}: no ${model.name} found for ${what}${where ? ` where ${describeWhere(where.value)} (at ${formatAt(where)})` : ''}`,
    { model: model.name, operation: w.site.operation, ...(where ? { path: formatAt(where) } : {}) },
  );
}

function formatAt(where: WhereRef): string {
  let out = '';
  for (const p of where.path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
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
    compiled = insertSql(ctx, model, cols, [cols], new Binder(), undefined, true).compile(
      ctx.kysely,
    );
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
      ? insertSql(ctx, model, cols, [cols], new Binder(), undefined, true, extra).compile(
          ctx.kysely,
        )
      : null;
    if (key) rememberPlan(ctx, key, compiled);
    if (!compiled) return undefined;
  }
  const hooks = writeHooks(ctx);
  if (hooks?.beforeCreate)
    await hooks.beforeCreate(model, { data: plan.api, columns: plan.values }, ctx);
  return runInsert(w, model, compiled, cols, plan.values);
}

/** Inserts one row (its owner-side relations first, its other relations after). */
export async function createTree(w: WriteScope, plan: CreatePlan, fixed?: Row): Promise<Row> {
  const values: Row = { ...plan.values, ...fixed };
  for (const op of plan.before) Object.assign(values, await ownerKeys(w, op));
  const hooks = writeHooks(w.ctx);
  if (hooks?.beforeCreate)
    await hooks.beforeCreate(plan.model, { data: plan.api, columns: values }, w.ctx);
  const row = await insertRow(w, plan.model, values);
  for (const op of plan.after) await relationOp(w, op, row);
  return row;
}

/** Inserts many childless rows in as few statements as the parameter limits allow. */
export async function insertMany(
  w: WriteScope,
  model: ModelDef,
  plans: readonly CreatePlan[],
  fixed: Row | undefined,
  skipDuplicates: boolean,
  returning: boolean,
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
        insertSql(
          w.ctx,
          model,
          cols,
          chunk.map((r) => cols.map((c) => r[c])),
          b,
          skipDuplicates ? sql` on conflict do nothing` : undefined,
          returning,
        ),
      );
      rows.push(...res.rows);
      count += res.count;
    }
  }
  return { rows, count };
}

/** Rows of the relation's target linked to the parent row `parent`. */
export function linkedTo(rel: RelationInfo, parent: Row): Scoped {
  const t = rel.target;
  switch (rel.side) {
    case 'owner':
      return (b, alias) =>
        rel.fk.some((f) => parent[f] === null || parent[f] === undefined)
          ? false
          : andAll(
              rel.refs.map(
                (r, i) => sql<boolean>`${aliased(alias, t, r)} = ${b.bind(parent[rel.fk[i]!])}`,
              ),
            );
    case 'inverse':
    case 'toMany':
      return (b, alias) =>
        andAll(
          rel.fk.map(
            (f, i) => sql<boolean>`${aliased(alias, t, f)} = ${b.bind(parent[rel.refs[i]!])}`,
          ),
        );
    case 'm2m': {
      const j = rel.join!;
      const own = parent[rel.model.idFields[0]!];
      return (b, alias) =>
        sql<boolean>`exists (select 1 from ${sql.table(j.name)} as "_j" where ${sql.ref(`_j.${j.otherColumn}`)} = ${aliased(alias, t, t.idFields[0]!)} and ${sql.ref(`_j.${j.column}`)} = ${b.bind(own)})`;
    }
  }
}

/** The foreign-key values of the parent for an owner-side to-one write done before its row. */
async function ownerKeys(w: WriteScope, op: RelationOp): Promise<Row> {
  const rel = op.rel;
  const keysOf = (row: Row | null): Row => {
    const out: Row = {};
    rel.fk.forEach((f, i) => (out[f] = row === null ? null : row[rel.refs[i]!]));
    return out;
  };
  switch (op.op) {
    case 'create':
      return keysOf(await createTree(w, op.plans[0]!));
    case 'connect': {
      const where = op.wheres[0]!;
      const [row] = await selectRows(w, rel.target, where, ALL, 'read', 1);
      if (!row) throw notFound(w, rel.target, `connect`, where);
      return keysOf(row);
    }
    case 'connectOrCreate': {
      const item = op.items[0]!;
      const [row] = await selectRows(w, rel.target, item.where, ALL, 'read', 1);
      return keysOf(row ?? (await createTree(w, item.create)));
    }
    case 'disconnect':
      return keysOf(null);
    case 'createMany':
    case 'delete':
    case 'deleteMany':
    case 'set':
    case 'update':
    case 'updateMany':
    case 'upsert':
      throw new WardenError('CONFIG', `internal: '${op.op}' is not an owner-side write`);
  }
}

/** FK values a target row gets to point at `parent` (`inverse` / `toMany`). */
function fkValues(rel: RelationInfo, parent: Row): Row {
  const out: Row = {};
  rel.fk.forEach((f, i) => (out[f] = parent[rel.refs[i]!]));
  return out;
}

/** Sets the target rows' foreign key to `parent` (connect) or null (disconnect). */
function linkSets(rel: RelationInfo, parent: Row | null): SetItem[] {
  return rel.fk.map((f) => ({
    field: rel.target.fields[f]!,
    op: 'set' as const,
    value: parent === null ? null : parent[rel.refs[rel.fk.indexOf(f)]!],
  }));
}

async function joinInsert(
  w: WriteScope,
  rel: RelationInfo,
  parent: Row,
  target: Row,
): Promise<void> {
  const j = rel.join!;
  const own = parent[rel.model.idFields[0]!];
  const other = target[rel.target.idFields[0]!];
  await runCached(
    w,
    rel.model,
    `jins|${rel.model.name}.${rel.field.name}`,
    [own, other],
    (_s, b) =>
      sql`insert into ${sql.table(j.name)} (${sql.ref(j.column)}, ${sql.ref(j.otherColumn)}) values (${b.bind(own)}, ${b.bind(other)}) on conflict do nothing`,
  );
}

async function joinDelete(
  w: WriteScope,
  rel: RelationInfo,
  parent: Row,
  where: WhereRef | undefined,
): Promise<void> {
  const j = rel.join!;
  const own = parent[rel.model.idFields[0]!];
  const t = rel.target;
  await run(w, rel.model, (scope, b) => {
    const ownPred = sql`${sql.ref(j.column)} = ${b.bind(own)}`;
    const alias = scope.nextAlias();
    // Without a `where` (`set` clearing the list), only links to rows the caller may read go:
    // hidden rows stay linked, as a disconnect naming them finds nothing.
    const pred = writeFilter(scope, b, t, alias, 'read', where, ALL);
    if (pred === true) return sql`delete from ${sql.table(j.name)} where ${ownPred}`;
    if (pred === false) return null;
    return sql`delete from ${sql.table(j.name)} where ${ownPred} and ${sql.ref(j.otherColumn)} in (select ${aliased(alias, t, t.idFields[0]!)} from ${tableAs(t, alias)}${whereClause(w.ctx.dialect, pred)})`;
  });
}

/** Connects one target row (found by `where`) to `parent`; NOT_FOUND when there is none. */
async function connectOne(
  w: WriteScope,
  rel: RelationInfo,
  parent: Row,
  where: WhereRef,
  origin: UpdateOrigin,
): Promise<void> {
  if (rel.side === 'm2m') {
    // One statement links the row found by `where`; only when it links nothing (missing, or
    // already linked) does a lookup tell the two apart.
    const j = rel.join!;
    const t = rel.target;
    const own = parent[rel.model.idFields[0]!];
    const res = await runCached(
      w,
      rel.model,
      `jconn|${rel.model.name}.${rel.field.name}|${whereKey(where)}`,
      [own],
      (scope, b) => {
        const ownValue = b.bind(own);
        const alias = scope.nextAlias();
        const pred = writeFilter(scope, b, t, alias, 'read', where, ALL);
        if (pred === false) return null;
        return sql`insert into ${sql.table(j.name)} (${sql.ref(j.column)}, ${sql.ref(j.otherColumn)}) select ${ownValue}, ${aliased(alias, t, t.idFields[0]!)} from ${tableAs(t, alias)} where ${predSql(w.ctx.dialect, pred)} on conflict do nothing`;
      },
    );
    if (res.count > 0) return;
    const [row] = await selectRows(w, t, where, ALL, 'read', 1);
    if (!row) throw notFound(w, t, 'connect', where);
    return;
  }
  const res = await updateWhere(w, rel.target, linkSets(rel, parent), where, ALL, false, origin);
  if (res.count === 0) throw notFound(w, rel.target, 'connect', where);
}

/** Creates one target row linked to `parent`. */
async function createLinked(
  w: WriteScope,
  rel: RelationInfo,
  parent: Row,
  plan: CreatePlan,
): Promise<Row> {
  if (rel.side === 'm2m') {
    const row = await createTree(w, plan);
    await joinInsert(w, rel, parent, row);
    return row;
  }
  return createTree(w, plan, fkValues(rel, parent));
}

/** Points the parent row's foreign key (owner side) at `target` (or null). */
async function setParentKeys(
  w: WriteScope,
  rel: RelationInfo,
  parent: Row,
  target: Row | null,
  origin: UpdateOrigin,
): Promise<void> {
  const m = rel.model;
  const sets: SetItem[] = rel.fk.map((f, i) => ({
    field: m.fields[f]!,
    op: 'set',
    value: target === null ? null : target[rel.refs[i]!],
  }));
  const byId: Scoped = (b, alias) =>
    andAll(m.idFields.map((f) => sql<boolean>`${aliased(alias, m, f)} = ${b.bind(parent[f])}`));
  await updateWhere(w, m, sets, undefined, byId, false, origin);
  for (const [i, f] of rel.fk.entries()) parent[f] = target === null ? null : target[rel.refs[i]!];
}

/**
 * `update <model> set <sets> where <where and extra>`: the plain statement (no nested writes).
 * When update hooks watch it (`watchedUpdate`), it runs through `updateWatched` instead (ids
 * first, `beforeUpdate`, the update, `afterUpdate`, in a transaction); `origin` is what they
 * are told about where it comes from.
 */
export function updateWhere(
  w: WriteScope,
  model: ModelDef,
  sets: readonly SetItem[],
  where: WhereRef | undefined,
  extra: Scoped,
  returning: boolean,
  origin: UpdateOrigin,
): Promise<StatementResult> {
  const watched = watchedUpdate(w.ctx, model, sets);
  if (watched) return updateWatched(w, model, sets, where, extra, watched, origin);
  return run(w, model, (scope, b) => {
    const set = setList(w.ctx, model, sets, b);
    const alias = scope.nextAlias();
    const pred = writeFilter(scope, b, model, alias, 'update', where, extra);
    if (pred === false) return null;
    return updateSql(w.ctx, model, alias, set, pred, returning);
  });
}

/**
 * Updates the rows of `plan.model` matching `where` and `extra` with `plan` (nested writes
 * included) and returns them. Without anything to SET, the rows are selected instead.
 */
export async function updateTree(
  w: WriteScope,
  plan: UpdatePlan,
  where: WhereRef | undefined,
  extra: Scoped,
): Promise<Row[]> {
  const sets = [...plan.sets];
  for (const op of plan.before) {
    const keys = await ownerKeys(w, op);
    for (const [f, v] of Object.entries(keys))
      sets.push({ field: plan.model.fields[f]!, op: 'set', value: v });
  }
  // Top-level plans are parsed at `data` (`update` for upsert); nested ones deeper.
  const origin: UpdateOrigin = {
    site: w.site,
    nested: plan.path.length > 1,
    path: formatPath(plan.path),
  };
  // Nested writes to this row's to-many / many-to-many relations change what its update rules
  // see of them after the update: hooks watching those relations see the whole of it.
  const relations = plan.after.map((op) => op.rel.field.name);
  const watched = relations.length > 0 && watchedUpdate(w.ctx, plan.model, sets, relations);
  if (watched) {
    const res = await updateWatched(
      w,
      plan.model,
      sets,
      where,
      extra,
      watched,
      origin,
      undefined,
      async (rows: readonly Row[], wt: WriteScope) => {
        for (const row of rows) for (const op of plan.after) await relationOp(wt, op, row);
      },
    );
    return res.rows;
  }
  const rows =
    sets.length === 0
      ? await selectRows(w, plan.model, where, extra, 'update')
      : (await updateWhere(w, plan.model, sets, where, extra, true, origin)).rows;
  if (plan.after.length > 0)
    for (const row of rows) for (const op of plan.after) await relationOp(w, op, row);
  return rows;
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

async function deleteLinked(
  w: WriteScope,
  rel: RelationInfo,
  parent: Row,
  where: WhereRef | undefined,
  expectOne: boolean,
  origin: UpdateOrigin,
): Promise<void> {
  const t = rel.target;
  if (rel.side === 'owner') {
    const [row] = await selectRows(w, t, where, linkedTo(rel, parent), 'delete', 1);
    if (!row) throw notFound(w, t, 'delete', where);
    if (rel.fk.every((f) => rel.model.fields[f]!.optional))
      await setParentKeys(w, rel, parent, null, origin);
    const byId: Scoped = (b, alias) =>
      andAll(t.idFields.map((f) => sql<boolean>`${aliased(alias, t, f)} = ${b.bind(row[f])}`));
    await deleteWhere(w, t, undefined, byId, false);
    return;
  }
  if (rel.side === 'm2m') {
    const rows = await selectRows(w, t, where, linkedTo(rel, parent), 'delete');
    if (expectOne && rows.length === 0) throw notFound(w, t, 'delete', where);
    if (rows.length === 0) return;
    const id = t.idFields[0]!;
    const ids = rows.map((r) => r[id]);
    const j = rel.join!;
    await run(
      w,
      t,
      (_s, b) =>
        sql`delete from ${sql.table(j.name)} where ${sql.ref(j.otherColumn)} in (${sql.join(ids.map((v) => b.bind(v)))})`,
    );
    const inIds: Scoped = (b, alias) =>
      sql<boolean>`${aliased(alias, t, id)} in (${sql.join(ids.map((v) => b.bind(v)))})`;
    await deleteWhere(w, t, undefined, inIds, false);
    return;
  }
  const res = await deleteWhere(w, t, where, linkedTo(rel, parent), false);
  if (expectOne && res.count === 0) throw notFound(w, t, 'delete', where);
}

/** Runs one nested write of a relation of the row `parent` (already written). */
export async function relationOp(w: WriteScope, op: RelationOp, parent: Row): Promise<void> {
  if (op.rel.side === 'm2m' && LINKS.has(op.op)) {
    const hooks = writeHooks(w.ctx);
    if (hooks?.watchesLink?.(op.rel.target, op.rel.opposite)) {
      return linkWatched(w, op, parent, hooks);
    }
  }
  return runRelationOp(w, op, parent);
}

/** The nested writes that add or remove many-to-many links to existing rows. */
const LINKS = new Set<RelationOp['op']>(['connect', 'connectOrCreate', 'disconnect', 'set']);

/**
 * A many-to-many link made or removed from `parent`'s side changes the relation of the rows on
 * the other side too. When the update hooks watch that relation of the other model
 * (`watchesLink`: a post-update rule reads it), the write runs as an update of those rows:
 * the existing rows it links or unlinks are selected (under the read filter, as the link's
 * lookup), `beforeUpdate` gets them with the relation as the field written, the links are
 * written, then `afterUpdate` checks them, all in one transaction. Rows the write creates are
 * checked as creates, not here.
 */
async function linkWatched(
  w: WriteScope,
  op: RelationOp,
  parent: Row,
  hooks: WriteHooks,
): Promise<void> {
  const rel = op.rel;
  const t = rel.target;
  const origin = nestedOrigin(w, op.path);
  await runInTransaction(w.ctx, async (tx) => {
    const wt: WriteScope = { ...w, ctx: tx };
    const rows: Row[] = [];
    const linked = linkedTo(rel, parent);
    if (op.op === 'connect' || op.op === 'set') {
      for (const where of op.wheres) rows.push(...(await selectRows(wt, t, where, ALL, 'read', 1)));
    }
    if (op.op === 'connectOrCreate') {
      for (const item of op.items)
        rows.push(...(await selectRows(wt, t, item.where, ALL, 'read', 1)));
    }
    if (op.op === 'set') {
      rows.push(...(await selectRows(wt, t, undefined, linked, 'read')));
    } else if (op.op === 'disconnect') {
      for (const where of op.wheres) rows.push(...(await selectRows(wt, t, where, linked, 'read')));
    }
    const ids = uniqueIds(tx, t, rows);
    const fields = [rel.opposite];
    const state =
      ids.length > 0 && hooks.beforeUpdate
        ? await hooks.beforeUpdate(t, ids, fields, tx, origin)
        : undefined;
    await runRelationOp(wt, op, parent);
    if (ids.length > 0 && hooks.afterUpdate) await hooks.afterUpdate(t, ids, tx, state, origin);
  });
}

/** The id wheres of `rows`, each row once. */
function uniqueIds(ctx: QueryContext, model: ModelDef, rows: readonly Row[]): IdWhere[] {
  const seen = new Set<string>();
  const out: IdWhere[] = [];
  for (const r of rows) {
    const key = rowKey(model, r) ?? '';
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(idWhere(ctx, model, r));
  }
  return out;
}

async function runRelationOp(w: WriteScope, op: RelationOp, parent: Row): Promise<void> {
  const rel = op.rel;
  const scoped = linkedTo(rel, parent);
  const origin = nestedOrigin(w, op.path);
  switch (op.op) {
    case 'create':
      if (rel.side === 'owner') {
        await setParentKeys(w, rel, parent, await createTree(w, op.plans[0]!), origin);
        return;
      }
      if (rel.side === 'inverse') await unlinkInverse(w, rel, parent, origin);
      for (const plan of op.plans) await createLinked(w, rel, parent, plan);
      return;
    case 'createMany':
      await insertMany(w, rel.target, op.plans, fkValues(rel, parent), op.skipDuplicates, false);
      return;
    case 'connect':
      if (rel.side === 'owner') {
        await setParentKeys(w, rel, parent, await ownerKeysRow(w, rel, op.wheres[0]!), origin);
        return;
      }
      if (rel.side === 'inverse') await unlinkInverse(w, rel, parent, origin);
      for (const where of op.wheres) await connectOne(w, rel, parent, where, origin);
      return;
    case 'connectOrCreate':
      for (const item of op.items) {
        const [row] = await selectRows(w, rel.target, item.where, ALL, 'read', 1);
        if (rel.side === 'owner')
          await setParentKeys(w, rel, parent, row ?? (await createTree(w, item.create)), origin);
        else if (row) {
          if (rel.side === 'inverse') await unlinkInverse(w, rel, parent, origin);
          await connectOne(w, rel, parent, item.where, origin);
        } else {
          if (rel.side === 'inverse') await unlinkInverse(w, rel, parent, origin);
          await createLinked(w, rel, parent, item.create);
        }
      }
      return;
    case 'disconnect':
      if (rel.side === 'owner') {
        await setParentKeys(w, rel, parent, null, origin);
      } else if (rel.side === 'm2m') {
        for (const where of op.wheres) await joinDelete(w, rel, parent, where);
      } else if (op.all) {
        await updateWhere(w, rel.target, linkSets(rel, null), op.wheres[0], scoped, false, origin);
      } else {
        for (const where of op.wheres)
          await updateWhere(w, rel.target, linkSets(rel, null), where, scoped, false, origin);
      }
      return;
    case 'set':
      if (rel.side === 'm2m') await joinDelete(w, rel, parent, undefined);
      else await updateWhere(w, rel.target, linkSets(rel, null), undefined, scoped, false, origin);
      for (const where of op.wheres) await connectOne(w, rel, parent, where, origin);
      return;
    case 'update':
    case 'updateMany':
      for (const item of op.items) {
        const rows = await updateTree(w, item.data, item.where, scoped);
        if (op.op === 'update' && rows.length === 0)
          throw notFound(w, rel.target, 'nested update', item.where);
      }
      return;
    case 'upsert':
      for (const item of op.items) {
        const existing = await selectRows(w, rel.target, item.where, scoped, 'update', 1);
        if (existing.length > 0) await updateTree(w, item.update, item.where, scoped);
        else if (rel.side === 'owner')
          await setParentKeys(w, rel, parent, await createTree(w, item.create), origin);
        else {
          if (rel.side === 'inverse') await unlinkInverse(w, rel, parent, origin);
          await createLinked(w, rel, parent, item.create);
        }
      }
      return;
    case 'delete':
      if (op.all) await deleteLinked(w, rel, parent, op.wheres[0], true, origin);
      else for (const where of op.wheres) await deleteLinked(w, rel, parent, where, true, origin);
      return;
    case 'deleteMany':
      for (const where of op.wheres) await deleteLinked(w, rel, parent, where, false, origin);
      return;
  }
}

async function ownerKeysRow(w: WriteScope, rel: RelationInfo, where: WhereRef): Promise<Row> {
  const [row] = await selectRows(w, rel.target, where, ALL, 'read', 1);
  if (!row) throw notFound(w, rel.target, 'connect', where);
  return row;
}

/** One-to-one from the side without the key: the previously linked row lets go (optional key). */
async function unlinkInverse(
  w: WriteScope,
  rel: RelationInfo,
  parent: Row,
  origin: UpdateOrigin,
): Promise<void> {
  if (!rel.fk.every((f) => rel.target.fields[f]!.optional)) return;
  const unlink = linkSets(rel, null);
  await updateWhere(w, rel.target, unlink, undefined, linkedTo(rel, parent), false, origin);
}

/** The origin of the updates a nested write at `path` makes (see `UpdateOrigin`). */
function nestedOrigin(w: WriteScope, path: ArgPath): UpdateOrigin {
  return { site: w.site, nested: true, path: formatPath(path) };
}
