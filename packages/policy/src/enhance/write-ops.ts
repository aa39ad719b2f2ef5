import type { ModelDef, SchemaDef } from '@warden/schema';
import { WardenError, isWardenError } from '@warden/schema';
import { rowKey, withIdsSelected, writeWasKept, type QueryContext } from '@warden/orm';
import { evaluateRule } from '../evaluate/reference-evaluator.js';
import { compilePolicyFilter } from '../compile-policy-filter.js';
import { modelRules } from '../rules.js';
import type { PolicyRow } from '../types.js';
import { notFound, rejected } from './errors.js';
import { policyHooks, type PolicySession } from './policy-hooks.js';
import { runTx } from './run-tx.js';
import { idSelect, idWhere, rowPasses } from './sql-checks.js';
import { watchesUpdate } from './update-checks.js';

/** A delegate method of the underlying (hooked) client: returns a lazy `WardenPromise`. */
type Call = (args: unknown) => { runIn(ctx: QueryContext): Promise<any> };
export type Delegate = Record<string, Call>;

interface Site {
  readonly session: PolicySession;
  readonly model: ModelDef;
  readonly delegate: Delegate;
}

type Args = Record<string, any>;

/**
 * `ctx` with the policy hooks; `operation` replaces the read rule of the site's model (see
 * `policyHooks`), `caller` names the caller's operation in errors the hooks raise.
 */
const as = (
  site: Site,
  ctx: QueryContext,
  operation: 'none' | 'read' | 'update' | undefined,
  caller?: string,
): QueryContext => ({
  ...ctx,
  hooks: policyHooks(
    site.session,
    operation ? { model: site.model.name, operation } : undefined,
    caller,
  ),
});

function shaping(args: Args): Args {
  const out: Args = {};
  for (const k of ['select', 'include', 'omit']) if (args[k] !== undefined) out[k] = args[k];
  return out;
}

/**
 * Decides a create rule in JavaScript when every field it reads is in the input and it reads
 * no relation beyond the input's own foreign keys; `undefined` when SQL must decide.
 */
export function decideInJs(
  schema: SchemaDef,
  model: ModelDef,
  user: unknown,
  data: Args,
): boolean | undefined {
  const reads = createRuleReads(model);
  if (reads === undefined) return undefined;
  const row: Record<string, unknown> = {};
  for (const field of Object.values(model.fields)) {
    if (field.kind === 'relation') continue;
    if (field.name in data) row[field.name] = data[field.name];
    else if (field.default === undefined && !field.updatedAt) row[field.name] = null;
  }
  if (reads.some((name) => !(name in row))) return undefined;
  return evaluateRule(schema, model.name, 'create', user as never, row);
}

const createReads = new WeakMap<ModelDef, readonly string[] | null>();

/**
 * The own fields `model`'s create rules read, or `undefined` when they can never be decided
 * in JavaScript (collections, `this`, `future()`, `check()`). Per model: creates ask per row.
 */
function createRuleReads(model: ModelDef): readonly string[] | undefined {
  let reads = createReads.get(model);
  if (reads === undefined) {
    const { allows, denies } = modelRules(model, 'create');
    const conditions = [...allows, ...denies].map((r) => r.condition);
    const text = JSON.stringify(conditions);
    reads = /"kind":"(collection|this|future)"|"name":"check"/.test(text)
      ? null
      : collectFieldReads(model, conditions);
    createReads.set(model, reads);
  }
  return reads ?? undefined;
}

/** Own fields the conditions read; a relation read (other than `rel == auth()`) returns a marker. */
function collectFieldReads(model: ModelDef, conditions: readonly unknown[]): string[] {
  const out: string[] = [];
  const visit = (node: unknown, parentIsMemberObject: boolean): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n) => visit(n, false));
    const n = node as Record<string, unknown>;
    if (n.kind === 'field' && n.model === model.name) {
      const f = model.fields[n.name as string];
      if (f?.kind === 'relation') {
        if (parentIsMemberObject) out.push('\0relation');
        else for (const fk of f.relation?.fields ?? ['\0relation']) out.push(fk);
      } else out.push(n.name as string);
      return;
    }
    for (const [k, v] of Object.entries(n)) visit(v, n.kind === 'member' && k === 'object');
  };
  conditions.forEach((c) => visit(c, false));
  return out;
}

async function createOne(site: Site, tx: QueryContext, data: Args): Promise<PolicyRow> {
  const { session, model, delegate } = site;
  const filter = session.filter(tx.provider, model.name, 'create', 't');
  if (filter === false) throw rejected(model.name, 'create');
  const inJs = filter === true ? true : decideInJs(session.schema, model, session.user, data);
  if (inJs === false) throw rejected(model.name, 'create');
  const created = (await delegate.create!({ data, select: idSelect(model) }).runIn(
    as(site, tx, 'none'),
  )) as PolicyRow;
  if (inJs === undefined) {
    const check = compilePolicyFilter(session.schema, model.name, 'create', {
      dialect: tx.provider,
      alias: 't',
      user: session.user,
    });
    if (!(await rowPasses(tx, model, created, check))) throw rejected(model.name, 'create');
  }
  return created;
}

async function readBackOrFail(
  site: Site,
  ctx: QueryContext,
  ids: PolicyRow,
  args: Args,
): Promise<unknown> {
  return site.delegate.findFirst!({ where: idWhere(site.model, ids), ...shaping(args) }).runIn(
    as(site, ctx, undefined),
  );
}

/**
 * Runs the plain operation under the policy hooks (one round of ORM work, its WHERE already
 * filtered), outside any caller transaction. Either the ORM writes and reads back in its own
 * transaction, or, when the read rule needs no other row, it writes with one statement whose
 * RETURNING says whether the row is readable. `undefined` when the ORM refused to return an
 * unreadable result from its transaction: it rolled that back, so the caller redoes the write
 * the slow way (which commits it and then reports `cannot-read-back`). A one-statement write
 * is kept (`writeWasKept`): that error is final.
 */
async function direct(site: Site, ctx: QueryContext, op: string, args: Args): Promise<unknown> {
  try {
    // `ctx` is the enhanced client's own (or its transaction's): its hooks are this session's.
    return await site.delegate[op]!(args).runIn(ctx);
  } catch (e) {
    if (isWardenError(e) && e.code === 'REJECTED_BY_POLICY' && e.reason === 'cannot-read-back') {
      if (writeWasKept(e)) throw rejected(site.model.name, op, 'cannot-read-back');
      return undefined;
    }
    // Only the top-level row's NOT_FOUND is told apart (missing vs not permitted); a nested
    // write's NOT_FOUND names its own model and path and says no more than "not found".
    if (
      isWardenError(e) &&
      e.code === 'NOT_FOUND' &&
      op !== 'create' &&
      e.model === site.model.name &&
      (e.path === undefined || e.path === 'where')
    ) {
      return missing(site, ctx, args.where, op);
    }
    throw e;
  }
}

function hasRelationWrites(model: ModelDef, data: Args | undefined): boolean {
  return Object.keys(data ?? {}).some((k) => model.fields[k]?.kind === 'relation');
}

/** `create` under the policy: checked on the stored row, rolled back when denied. */
export async function create(site: Site, ctx: QueryContext, args: Args): Promise<unknown> {
  const { session, model } = site;
  if (!ctx.inTransaction && !hasRelationWrites(model, args.data)) {
    const filter = session.filter(ctx.provider, model.name, 'create', 't');
    if (filter === false) throw rejected(model.name, 'create');
    const inJs =
      filter === true ? true : decideInJs(session.schema, model, session.user, args.data ?? {});
    if (inJs === false) throw rejected(model.name, 'create');
    if (inJs === true) {
      const out = await direct(site, ctx, 'create', args);
      if (out !== undefined) return out;
    }
  }
  const result = await runTx(ctx, async (tx) => {
    const ids = await createOne(site, tx, args.data ?? {});
    return readBackOrFail(site, tx, ids, args);
  });
  if (result === null || result === undefined) {
    throw rejected(site.model.name, 'create', 'cannot-read-back');
  }
  return result;
}

export async function createMany(
  site: Site,
  ctx: QueryContext,
  args: Args,
  returning: boolean,
): Promise<unknown> {
  // The ORM's own createMany, in a transaction: the hooks check the create rule of every row
  // before one multi-row insert (in JavaScript when the rule reads only the input).
  if (!returning) {
    return runTx(ctx, (tx) =>
      site.delegate.createMany!(args).runIn(as(site, tx, undefined, 'createMany')),
    );
  }
  // The ORM's createManyAndReturn with the read rule of this model off, so RETURNING gives
  // every created id (its beforeCreate hook checks each row's create rule first); a throw
  // rolls back every row. Then the rows are read back as this user may read them.
  const data: unknown = args.data;
  const parts = Array.isArray(data) ? sameColumnRuns(data as Args[]) : [data];
  const extra = args.skipDuplicates === undefined ? {} : { skipDuplicates: args.skipDuplicates };
  const out = await runTx(ctx, async (tx) => {
    const written: PolicyRow[] = [];
    for (const part of parts) {
      const ids = (await site.delegate.createManyAndReturn!({
        data: part,
        select: idSelect(site.model),
        ...extra,
      }).runIn(as(site, tx, 'none', 'createManyAndReturn'))) as PolicyRow[];
      written.push(...ids);
    }
    return readBackMany(site, tx, written, args);
  });
  // As updateManyAndReturn: the rows stay written, and the result is those this user may read.
  return out.filter((r) => r !== null && r !== undefined);
}

/**
 * Rows per ORM write and per read-back of a many-row operation (the ORM's own read-backs take
 * 500 ids per query too; an OR over compound ids deeper than 1000 is refused by SQLite).
 */
const CHUNK = 500;

/** `list` in pieces of at most CHUNK (one empty piece for an empty list: still validated). */
function chunked<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out.length > 0 ? out : [[]];
}

/**
 * `items` cut where the set of given fields changes (and every CHUNK rows). The ORM inserts
 * rows with different columns by separate statements, grouped by columns; one run is one
 * group, so RETURNING gives the rows in the order of `items`.
 */
function sameColumnRuns(items: readonly Args[]): Args[][] {
  const out: Args[][] = [];
  let run: Args[] = [];
  let columns: string | undefined;
  for (const item of items) {
    const c =
      item && typeof item === 'object'
        ? Object.keys(item)
            .filter((k) => item[k] !== undefined)
            .join('\0')
        : '';
    if (run.length > 0 && (c !== columns || run.length >= CHUNK)) {
      out.push(run);
      run = [];
    }
    columns = c;
    run.push(item);
  }
  if (run.length > 0 || out.length === 0) out.push(run);
  return out;
}

/** A `where` for exactly the rows with `ids`. */
function idsWhere(model: ModelDef, ids: readonly PolicyRow[]): Args {
  if (model.idFields.length === 1) {
    const f = model.idFields[0]!;
    return { [f]: { in: ids.map((r) => r[f]) } };
  }
  return { OR: ids.map((r) => idWhere(model, r)) };
}

/**
 * The rows with `written` ids as this user may read them, shaped by `args`, in the order of
 * `written`; `null` where a row is not readable. One findMany per CHUNK rows.
 */
async function readBackMany(
  site: Site,
  ctx: QueryContext,
  written: readonly PolicyRow[],
  args: Args,
): Promise<unknown[]> {
  const { model } = site;
  const { args: shape, added: strip } = withIdsSelected(model, shaping(args));
  const out: unknown[] = [];
  for (const chunk of written.length > 0 ? chunked(written) : []) {
    const found = (await site.delegate.findMany!({
      where: idsWhere(model, chunk),
      ...shape,
    }).runIn(as(site, ctx, undefined))) as Record<string, unknown>[];
    const byKey = new Map<string, Record<string, unknown>>();
    for (const row of found) {
      const key = rowKey(model, row);
      // An id the user may not read: the rows cannot be matched, read them one by one.
      if (key === undefined) return readEach(site, ctx, written, args);
      byKey.set(key, row);
    }
    for (const ids of chunk) {
      const row = byKey.get(rowKey(model, ids)!);
      if (row) for (const f of strip) delete row[f];
      out.push(row ?? null);
    }
  }
  return out;
}

/** `readBackMany` one row per query (ids it cannot match), as `create` reads its row back. */
async function readEach(
  site: Site,
  ctx: QueryContext,
  written: readonly PolicyRow[],
  args: Args,
): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const ids of written) out.push(await readBackOrFail(site, ctx, ids, args));
  return out;
}

function writtenFields(model: ModelDef, data: Args): string[] {
  const out: string[] = [];
  for (const key of Object.keys(data ?? {})) {
    const f = model.fields[key];
    if (!f) continue;
    if (f.kind === 'relation') out.push(...(f.relation?.fields ?? []));
    else out.push(key);
  }
  return out;
}

/**
 * Updates one permitted row (already found); returns its ids after the update. Field-level
 * update rules and post-update rules are checked by the ORM's update hooks (`policyHooks`),
 * for this row and for every row its nested writes update, errors naming `op`.
 */
async function updateRow(
  site: Site,
  tx: QueryContext,
  target: PolicyRow,
  data: Args,
  op: string,
): Promise<PolicyRow> {
  const { model, delegate } = site;
  return (await delegate.update!({
    where: idWhere(model, target),
    data,
    select: idSelect(model),
  }).runIn(as(site, tx, 'none', op))) as PolicyRow;
}

/** NOT_FOUND when the row is not readable, else REJECTED_BY_POLICY `no-access`. */
async function missing(site: Site, tx: QueryContext, where: unknown, op: string): Promise<never> {
  const readable = await site.delegate.findFirst!({ where, select: idSelect(site.model) }).runIn(
    as(site, tx, undefined),
  );
  throw readable ? rejected(site.model.name, op) : notFound(site.model.name, op);
}

async function findUpdatable(
  site: Site,
  tx: QueryContext,
  where: unknown,
): Promise<PolicyRow | null> {
  return site.delegate.findFirst!({ where, select: idSelect(site.model) }).runIn(
    as(site, tx, 'update'),
  );
}

/**
 * True when updating the top-level row needs more than its row filter (field-level update or
 * post-update rules): it then takes the transactional path (row found first, so a refusal on
 * a readable row is told from a missing one). Nested writes are checked by the hooks either way.
 */
function needsUpdateChecks(model: ModelDef, data: Args | undefined): boolean {
  return watchesUpdate(model, writtenFields(model, data ?? {}));
}

export async function update(site: Site, ctx: QueryContext, args: Args): Promise<unknown> {
  if (!ctx.inTransaction && !needsUpdateChecks(site.model, args.data)) {
    const out = await direct(site, ctx, 'update', args);
    if (out !== undefined) return out;
  }
  const result = await runTx(ctx, async (tx) => {
    const target = await findUpdatable(site, tx, args.where);
    if (!target) return missing(site, tx, args.where, 'update');
    const ids = await updateRow(site, tx, target, args.data ?? {}, 'update');
    return readBackOrFail(site, tx, ids, args);
  });
  if (result === null || result === undefined) {
    throw rejected(site.model.name, 'update', 'cannot-read-back');
  }
  return result;
}

export async function upsert(site: Site, ctx: QueryContext, args: Args): Promise<unknown> {
  const result = await runTx(ctx, async (tx) => {
    const exists = await site.delegate.findFirst!({
      where: args.where,
      select: idSelect(site.model),
    }).runIn(as(site, tx, 'none'));
    let ids: PolicyRow;
    if (exists) {
      const target = await findUpdatable(site, tx, args.where);
      if (!target) return missing(site, tx, args.where, 'upsert');
      ids = await updateRow(site, tx, target, args.update ?? {}, 'upsert');
    } else {
      ids = await createOne(site, tx, args.create ?? {});
    }
    return readBackOrFail(site, tx, ids, args);
  });
  if (result === null || result === undefined) {
    throw rejected(site.model.name, 'upsert', 'cannot-read-back');
  }
  return result;
}

export async function updateMany(
  site: Site,
  ctx: QueryContext,
  args: Args,
  returning: boolean,
): Promise<unknown> {
  // The ORM's own updateMany: the update rule is in its WHERE, and the hooks check field-level
  // and post-update rules a chunk of rows per statement. One UPDATE when no such rule applies.
  if (!returning)
    return site.delegate.updateMany!(args).runIn(as(site, ctx, undefined, 'updateMany'));
  // updateManyAndReturn: the rows are chosen by the update rule and `where` (and `limit`),
  // then the ORM updates them a chunk at a time, its hooks checking field-level and
  // post-update rules, with the read rule of this model off so that RETURNING gives every
  // updated id. The result is the updated rows this user may read, in the order chosen.
  const { model } = site;
  const limit = checkedLimit(model, args.limit);
  return runTx(ctx, async (tx) => {
    const targets = (await site.delegate.findMany!({
      where: args.where,
      select: idSelect(model),
      ...(limit !== undefined ? { take: limit } : {}),
    }).runIn(as(site, tx, 'update'))) as PolicyRow[];
    const written: PolicyRow[] = [];
    for (const chunk of chunked(targets)) {
      const ids = (await site.delegate.updateManyAndReturn!({
        where: idsWhere(model, chunk),
        data: args.data,
        select: idSelect(model),
      }).runIn(as(site, tx, 'none', 'updateManyAndReturn'))) as PolicyRow[];
      written.push(...inOrderOf(model, chunk, ids));
    }
    const rows = await readBackMany(site, tx, written, args);
    return rows.filter((r) => r !== null && r !== undefined);
  });
}

/** `updateManyAndReturn`'s `limit`, refused as the ORM refuses it. */
function checkedLimit(model: ModelDef, limit: unknown): number | undefined {
  if (limit === undefined) return undefined;
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 0) {
    throw new WardenError(
      'INVALID_INPUT',
      `${model.name}.updateManyAndReturn: limit: expected a non-negative integer`,
      { path: 'limit', model: model.name, operation: 'updateManyAndReturn' },
    );
  }
  return limit;
}

/**
 * `rows` (ids as updated) in the order of `targets` (ids as chosen); a row whose id the
 * update changed keeps its place after them.
 */
function inOrderOf(
  model: ModelDef,
  targets: readonly PolicyRow[],
  rows: readonly PolicyRow[],
): PolicyRow[] {
  const at = new Map(targets.map((t, i) => [rowKey(model, t), i]));
  const place = (r: PolicyRow) => at.get(rowKey(model, r)) ?? targets.length;
  return [...rows].sort((a, b) => place(a) - place(b));
}

export async function deleteOne(site: Site, ctx: QueryContext, args: Args): Promise<unknown> {
  return runTx(ctx, async (tx) => {
    const { session, model, delegate } = site;
    // A row the caller cannot read is a missing one: never deleted (its ids are selected
    // unmasked, so a read rule on the id does not stop a delete by id).
    const target = (await delegate.findFirst!({ where: args.where, select: idSelect(model) }).runIn(
      as(site, tx, 'read'),
    )) as PolicyRow | null;
    if (!target) throw notFound(model.name, 'delete');
    const filter = session.filter(tx.provider, model.name, 'delete', 't');
    const allowed =
      typeof filter === 'boolean'
        ? filter
        : await rowPasses(
            tx,
            model,
            target,
            compilePolicyFilter(session.schema, model.name, 'delete', {
              dialect: tx.provider,
              alias: 't',
              user: session.user,
            }),
          );
    if (!allowed) throw rejected(model.name, 'delete');
    const before = await readBackOrFail(site, tx, target, args);
    try {
      await delegate.delete!({ where: idWhere(model, target), select: idSelect(model) }).runIn(
        as(site, tx, 'none'),
      );
    } catch (e) {
      if (isWardenError(e) && e.code === 'NOT_FOUND') throw rejected(model.name, 'delete');
      throw e;
    }
    if (before === null || before === undefined) {
      return { cannotReadBack: true } as const;
    }
    return before;
  }).then((r) => {
    if (r && typeof r === 'object' && 'cannotReadBack' in r) {
      throw rejected(site.model.name, 'delete', 'cannot-read-back');
    }
    return r;
  });
}
