import { sql } from 'kysely';
import type { CompiledQuery, RawBuilder } from 'kysely';
import { whereClause } from '../filter/predicate.js';
import { tableAs } from '../relation/join.js';
import type { ModelDef } from '@warden/schema';
import type { QueryContext } from '../context.js';
import { runInTransaction } from '../client/transaction.js';
import { encodeValue } from '../codec/encode.js';
import { BuildScope } from '../plan/build-scope.js';
import { shapeKey } from '../plan/shape-key.js';
import { resolveUniqueWhere } from '../read/unique-where.js';
import { compoundKey } from '../filter/where.js';
import { invalidInput, isPlainObject } from '../validate/invalid.js';
import { checkWhere, parseCreate, parseUpdate } from './parse-data.js';
import type { CreatePlan, UpdatePlan, WhereRef } from './plan-types.js';
import { hasNested } from './plan-types.js';
import { shapeMany, shapeOne, shaperFor } from './result.js';
import { watchedUpdate } from './write-hooks.js';
import { cannotReadBackKept, isReadable, readableColumn } from './readable-returning.js';
import { createTree, updateTree } from './run-tree.js';
import { insertRow } from './statements.js';
import { writeFilter } from './run-statement.js';
import { updateWatched } from './watched-update.js';
import { insertSql, setList, updateSql } from './sql-builders.js';
import type { Row } from './statement.js';
import { Binder, execute, rememberPlan } from './statement.js';
import { cachePrefix, recordNotFound, topArgs, writeScope } from './top-args.js';
import type { WriteScope } from './write-scope.js';

const UPDATE_ARGS = new Set(['where', 'data', 'select', 'include', 'omit']);
const UPDATE_MANY_ARGS = new Set(['where', 'data', 'limit']);
const UPDATE_MANY_RETURN_ARGS = new Set(['where', 'data', 'limit', 'select', 'include', 'omit']);
const UPSERT_ARGS = new Set(['where', 'create', 'update', 'select', 'include', 'omit']);

const ALL = () => true as const;

function setsSignature(plan: UpdatePlan): string {
  let s = '';
  for (const i of plan.sets) s += `${i.field.name}:${i.op},`;
  return s;
}

/**
 * An update of the rows matching the top-level `where` with a plan without nested writes: one
 * statement, compiled once per (model, set shape, where shape, hooks key).
 */
async function updateFlat(
  w: WriteScope,
  plan: UpdatePlan,
  op: string,
  returning: boolean,
  limit: number | undefined,
): Promise<{ rows: Row[]; count: number }> {
  return (await updateFlatWith(w, plan, op, returning, limit, undefined))!;
}

const fieldLists = new WeakMap<readonly string[], string>();

/** `fields` joined for a cache key, once per array (a shaper's `selected` is cached). */
function fieldList(fields: readonly string[]): string {
  let s = fieldLists.get(fields);
  if (s === undefined) fieldLists.set(fields, (s = fields.join(',')));
  return s;
}

/** The plan-cache entry of a statement `readableColumn` could not be built for. */
const NO_READABLE = Symbol('no-readable');

/**
 * `updateFlat`, optionally (`readableFor`: the selected fields) with the `$readable` column in
 * RETURNING; `undefined` when the hooks cannot provide it (the caller takes the slow path).
 */
async function updateFlatWith(
  w: WriteScope,
  plan: UpdatePlan,
  op: string,
  returning: boolean,
  limit: number | undefined,
  readableFor: readonly string[] | undefined,
): Promise<{ rows: Row[]; count: number } | undefined> {
  const { ctx } = w;
  const model = plan.model;
  const root = w.root as Record<string, unknown>;
  const prefix = limit === undefined ? cachePrefix(ctx, op, model) : undefined;
  const key =
    prefix &&
    `${prefix}|${setsSignature(plan)}|${returning ? 'r' : ''}|${readableFor ? `rr:${fieldList(readableFor)}` : ''}|${shapeKey({ where: root.where })}`;
  let compiled = key
    ? ctx.plans.get<CompiledQuery<unknown> | null | typeof NO_READABLE>(key)
    : undefined;
  if (compiled === NO_READABLE) return undefined;
  if (compiled === undefined) {
    const b = new Binder();
    const set = setList(ctx, model, plan.sets, b);
    const scope = new BuildScope(ctx, w.site);
    const where: WhereRef | undefined =
      root.where === undefined ? undefined : { value: root.where, path: ['where'] };
    const alias = scope.nextAlias();
    let pred = writeFilter(scope, b, model, alias, 'update', where, ALL);
    if (pred !== false && limit !== undefined) pred = limitedTo(ctx, model, alias, pred, limit);
    // SQLite's RETURNING sees the row under the table's own name only, PostgreSQL's under the alias.
    const extra = readableFor
      ? readableColumn(ctx, model, ctx.provider === 'sqlite' ? model.dbName : alias, readableFor)
      : undefined;
    if (readableFor && !extra) {
      if (key) ctx.plans.set(key, NO_READABLE);
      return undefined;
    }
    compiled =
      pred === false
        ? null
        : updateSql(ctx, model, alias, set, pred, returning, extra).compile(ctx.kysely);
    if (key) rememberPlan(ctx, key, compiled);
  }
  if (compiled === null) return { rows: [], count: 0 };
  return execute(
    ctx,
    model,
    op,
    compiled,
    root,
    plan.sets.map((s) => s.value),
  );
}

/** `pred` restricted to the first `limit` matching rows (by id), for `updateMany({ limit })`. */
function limitedTo(
  ctx: QueryContext,
  model: ModelDef,
  alias: string,
  pred: true | RawBuilder<boolean>,
  limit: number,
): RawBuilder<boolean> {
  const ids = sql.join(model.idFields.map((f) => sql.ref(`${alias}.${model.fields[f]!.dbName}`)));
  // The inner select reuses the alias, so the (policy) predicate built for it applies inside.
  return sql<boolean>`(${ids}) in (select ${ids} from ${tableAs(model, alias)}${whereClause(ctx.dialect, pred)} limit ${sql.lit(limit)})`;
}

/**
 * `update`: the row named by the unique `where`; NOT_FOUND when there is none. Without nested
 * writes it is one `update ... returning` statement.
 */
export async function update(ctx: QueryContext, model: ModelDef, args: unknown): Promise<any> {
  const site = { model: model.name, operation: 'update' };
  const a = topArgs(site, args, UPDATE_ARGS, ['where', 'data']);
  resolveUniqueWhere(site, model, a.where, ['where']);
  const shaper = shaperFor(ctx, model, a, site);
  const w = writeScope(ctx, site, a);
  const plan = parseUpdate(w, model, a.data, ['data']);
  const nested = hasNested(plan);
  // `direct` means no hooks at all, so no update hook can be watching.
  if (!nested && plan.sets.length > 0 && shaper.direct) {
    const { rows } = await updateFlat(w, plan, 'update', true, undefined);
    if (rows.length === 0) throw recordNotFound(model, 'update', a.where);
    return shaper.decode(rows[0]!);
  }
  if (
    !nested &&
    plan.sets.length > 0 &&
    shaper.scalarOnly &&
    !ctx.inTransaction &&
    !watchedUpdate(ctx, model, plan.sets)
  ) {
    // With read hooks: one statement that also says whether the new row may be read back.
    const res = await updateFlatWith(w, plan, 'update', true, undefined, shaper.selected);
    if (res) {
      const row = res.rows[0];
      if (!row) throw recordNotFound(model, 'update', a.where);
      if (!isReadable(row)) throw cannotReadBackKept(model, 'update');
      return shaper.decode(row);
    }
  }
  const where = checkWhere(w, model, a.where, ['where'], true);
  return runInTransaction(ctx, async (tx) => {
    const wt = { ...w, ctx: tx };
    const rows = await updateTree(wt, plan, where, ALL);
    if (rows.length === 0) throw recordNotFound(model, 'update', a.where);
    return shapeOne(tx, model, rows[0]!, a, shaper, false, 'update');
  });
}

function parseFlatUpdate(w: WriteScope, model: ModelDef, data: unknown): UpdatePlan {
  const plan = parseUpdate(w, model, data, ['data']);
  if (hasNested(plan))
    throw invalidInput(['data'], `${w.site.operation} cannot write relations`, w.site);
  return plan;
}

function limitOf(w: WriteScope, a: Record<string, unknown>): number | undefined {
  if (a.limit === undefined) return undefined;
  if (typeof a.limit !== 'number' || !Number.isSafeInteger(a.limit) || a.limit < 0) {
    throw invalidInput(['limit'], 'expected a non-negative integer', w.site);
  }
  return a.limit;
}

async function updateManyRows(
  ctx: QueryContext,
  model: ModelDef,
  a: Record<string, unknown>,
  operation: string,
  returning: boolean,
): Promise<{ rows: Row[]; count: number }> {
  const site = { model: model.name, operation };
  const w = writeScope(ctx, site, a);
  const plan = parseFlatUpdate(w, model, a.data);
  const limit = limitOf(w, a);
  const where = a.where === undefined ? undefined : checkWhere(w, model, a.where, ['where'], false);
  if (plan.sets.length === 0) return { rows: [], count: 0 };
  const watched = watchedUpdate(ctx, model, plan.sets);
  if (!watched) return updateFlat(w, plan, operation, returning, limit);
  const origin = { site, nested: false, path: 'data' };
  return updateWatched(w, model, { sets: plan.sets, where, extra: ALL, watched, origin, limit });
}

/** `updateMany`: one `update` statement; `{ count }`. */
export async function updateMany(
  ctx: QueryContext,
  model: ModelDef,
  args: unknown,
): Promise<{ count: number }> {
  const a = topArgs({ model: model.name, operation: 'updateMany' }, args, UPDATE_MANY_ARGS, [
    'data',
  ]);
  const { count } = await updateManyRows(ctx, model, a, 'updateMany', false);
  return { count };
}

/** `updateManyAndReturn`: like `updateMany`, returning the updated rows (shaped). */
export async function updateManyAndReturn(
  ctx: QueryContext,
  model: ModelDef,
  args: unknown,
): Promise<any[]> {
  const site = { model: model.name, operation: 'updateManyAndReturn' };
  const a = topArgs(site, args, UPDATE_MANY_RETURN_ARGS, ['data']);
  const shaper = shaperFor(ctx, model, a, site);
  if (shaper.direct)
    return (await updateManyRows(ctx, model, a, 'updateManyAndReturn', true)).rows.map((r) =>
      shaper.decode(r),
    );
  return runInTransaction(ctx, async (tx) => {
    const { rows } = await updateManyRows(tx, model, a, 'updateManyAndReturn', true);
    return shapeMany(tx, model, rows, a, shaper);
  });
}

/**
 * The unique key of an upsert `where` when the insert can use `on conflict (key) do update`:
 * the where is exactly that key with plain values, and `create` sets the same values.
 */
function nativeConflictKey(
  w: WriteScope,
  model: ModelDef,
  where: Record<string, unknown>,
  key: string[],
  create: CreatePlan,
): string[] | undefined {
  const names = Object.keys(where).filter((k) => where[k] !== undefined);
  if (names.length !== 1) return undefined;
  const name = names[0]!;
  const source =
    key.length === 1 ? { [name]: where[name] } : compoundKey(model, name) ? where[name] : undefined;
  if (!isPlainObject(source)) return undefined;
  for (const f of key) {
    const v = source[f];
    if (v === null || typeof v === 'object' || !(f in create.values)) return undefined;
    const enc = encodeValue(w.ctx, model.fields[f]!, v, ['where', name], w.site);
    if (enc !== create.values[f]) return undefined;
  }
  return key;
}

/**
 * `upsert`: updates the row named by `where`, or creates it. When the where is the unique key
 * that `create` also sets and no nested writes or hooks are involved, it is one native
 * `insert ... on conflict do update` statement; otherwise a lookup then an update or insert
 * in one transaction.
 */
export async function upsert(ctx: QueryContext, model: ModelDef, args: unknown): Promise<any> {
  const site = { model: model.name, operation: 'upsert' };
  const a = topArgs(site, args, UPSERT_ARGS, ['where', 'create', 'update']);
  const key = resolveUniqueWhere(site, model, a.where, ['where']);
  const shaper = shaperFor(ctx, model, a, site);
  const w = writeScope(ctx, site, a);
  const createPlan = parseCreate(w, model, a.create, ['create']);
  const updatePlan = parseUpdate(w, model, a.update, ['update']);
  const simple =
    !hasNested(createPlan) &&
    !hasNested(updatePlan) &&
    updatePlan.sets.length > 0 &&
    ctx.hooks === undefined;
  const conflict = simple
    ? nativeConflictKey(w, model, a.where as Record<string, unknown>, key, createPlan)
    : undefined;
  if (conflict && shaper.direct) {
    const cols = Object.keys(createPlan.values);
    const cacheKey = `w:upsert|${model.name}|${cols.join(',')}|${setsSignature(updatePlan)}|${conflict.join(',')}`;
    let compiled = ctx.plans.get<CompiledQuery<unknown>>(cacheKey);
    if (!compiled) {
      const b = new Binder();
      const onConflict = sql` on conflict (${sql.join(conflict.map((f) => sql.ref(model.fields[f]!.dbName)))}) do update set ${setList(ctx, model, updatePlan.sets, b, true)}`;
      // Values: the update's first (bound while building the conflict clause), then the insert's.
      compiled = insertSql(ctx, model, {
        cols,
        rows: [cols.map(() => null)],
        b,
        conflict: onConflict,
        returning: true,
      }).compile(ctx.kysely);
      rememberPlan(ctx, cacheKey, compiled);
    }
    const values = [
      ...updatePlan.sets.map((s) => s.value),
      ...cols.map((c) => createPlan.values[c]),
    ];
    const res = await execute(ctx, model, 'upsert', compiled, a, values);
    return shaper.decode(res.rows[0]!);
  }
  if (simple && shaper.direct) {
    // Update first; only when no row matched, insert. Each statement is atomic on its own and
    // the second runs only if the first changed nothing, so no transaction is needed.
    const { rows } = await updateFlat(w, updatePlan, 'upsert', true, undefined);
    if (rows.length > 0) return shaper.decode(rows[0]!);
    return shaper.decode(await insertRow(w, model, createPlan.values));
  }
  const where = checkWhere(w, model, a.where, ['where'], true);
  return runInTransaction(ctx, async (tx) => {
    const wt = { ...w, ctx: tx };
    const existing = await updateTree(
      wt,
      { ...updatePlan, sets: [], before: [], after: [] },
      where,
      ALL,
    );
    let row: Row;
    if (existing.length > 0) {
      const rows = await updateTree(wt, updatePlan, where, ALL);
      if (rows.length === 0) throw recordNotFound(model, 'upsert', a.where);
      row = rows[0]!;
    } else row = await createTree(wt, createPlan);
    return shapeOne(tx, model, row, a, shaper, false, 'upsert');
  });
}
