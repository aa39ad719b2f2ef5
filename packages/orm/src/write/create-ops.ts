import type { ModelDef } from '@warden/schema';
import type { QueryContext } from '../context.js';
import { runInTransaction } from '../client/transaction.js';
import { invalidInput } from '../validate/invalid.js';
import { expectBoolean } from '../validate/args.js';
import { parseCreate } from './parse-data.js';
import type { CreatePlan } from './plan-types.js';
import { hasNested } from './plan-types.js';
import { shapeMany, shapeOne, shaperFor } from './result.js';
import { createTree } from './run-tree.js';
import { insertMany, insertRow, insertRowReadable } from './statements.js';
import { cannotReadBackKept, isReadable } from './readable-returning.js';
import type { Row } from './statement.js';
import { topArgs, writeScope } from './top-args.js';
import type { WriteScope } from './write-scope.js';

const CREATE_ARGS = new Set(['data', 'select', 'include', 'omit']);
const CREATE_MANY_ARGS = new Set(['data', 'skipDuplicates']);
const CREATE_MANY_RETURN_ARGS = new Set(['data', 'skipDuplicates', 'select', 'include', 'omit']);

/**
 * `create`: validates and encodes the whole `data` tree first, then inserts; with nested
 * writes (or a result that needs relations) everything runs in one transaction.
 *
 * @example
 * ```ts
 * await db.post.create({ data: { title: 'x', author: { connect: { id } } }, include: { author: true } });
 * ```
 */
export async function create(ctx: QueryContext, model: ModelDef, args: unknown): Promise<any> {
  const site = { model: model.name, operation: 'create' };
  const a = topArgs(site, args, CREATE_ARGS, ['data']);
  const shaper = shaperFor(ctx, model, a, site);
  const w = writeScope(ctx, site, a);
  const plan = parseCreate(w, model, a.data, ['data']);
  const nested = hasNested(plan);
  if (!nested && shaper.direct) return shaper.decode(await insertRow(w, model, plan.values));
  if (!nested && shaper.scalarOnly && !ctx.inTransaction) {
    // With read hooks: one statement that also says whether the new row may be read back.
    const row = await insertRowReadable(w, plan, shaper.selected);
    if (row) {
      if (!isReadable(row)) throw cannotReadBackKept(model, 'create');
      return shaper.decode(row);
    }
  }
  return runInTransaction(ctx, async (tx) => {
    const wt = { ...w, ctx: tx };
    const row = await createTree(wt, plan);
    return shapeOne(tx, model, row, a, shaper, false, 'create');
  });
}

function parseMany(w: WriteScope, model: ModelDef, data: unknown): CreatePlan[] {
  const list = Array.isArray(data)
    ? data.map((d, i) => ({ d, p: ['data', i] }))
    : [{ d: data, p: ['data'] }];
  return list.map(({ d, p }) => {
    const plan = parseCreate(w, model, d, p);
    if (hasNested(plan))
      throw invalidInput(p, `${w.site.operation} cannot write relations`, w.site);
    return plan;
  });
}

async function createManyRows(
  ctx: QueryContext,
  model: ModelDef,
  args: unknown,
  operation: string,
  returning: boolean,
): Promise<{ rows: Row[]; count: number; a: Record<string, unknown> }> {
  const site = { model: model.name, operation };
  const a = topArgs(site, args, returning ? CREATE_MANY_RETURN_ARGS : CREATE_MANY_ARGS, ['data']);
  const skip =
    a.skipDuplicates === undefined
      ? false
      : expectBoolean(site, ['skipDuplicates'], a.skipDuplicates);
  const w = writeScope(ctx, site, a);
  const plans = parseMany(w, model, a.data);
  if (plans.length === 0) return { rows: [], count: 0, a };
  const first = Object.keys(plans[0]!.values);
  const cols = first.join(',');
  const oneStatement =
    plans.every((p) => Object.keys(p.values).join(',') === cols) &&
    plans.length * (first.length + 1) < 30000;
  const res = oneStatement
    ? await insertMany(w, model, { plans, skipDuplicates: skip, returning })
    : await runInTransaction(ctx, (tx) =>
        insertMany({ ...w, ctx: tx }, model, { plans, skipDuplicates: skip, returning }),
      );
  return { ...res, a };
}

/** `createMany`: one multi-row insert (chunked by parameter limits); `{ count }`. */
export async function createMany(
  ctx: QueryContext,
  model: ModelDef,
  args: unknown,
): Promise<{ count: number }> {
  const { count } = await createManyRows(ctx, model, args, 'createMany', false);
  return { count };
}

/** `createManyAndReturn`: like `createMany`, returning the created rows (shaped). */
export async function createManyAndReturn(
  ctx: QueryContext,
  model: ModelDef,
  args: unknown,
): Promise<any[]> {
  const site = { model: model.name, operation: 'createManyAndReturn' };
  const pre = topArgs(site, args, CREATE_MANY_RETURN_ARGS, ['data']);
  const shaper = shaperFor(ctx, model, pre, site);
  if (shaper.direct) {
    const { rows } = await createManyRows(ctx, model, args, 'createManyAndReturn', true);
    return rows.map((r) => shaper.decode(r));
  }
  return runInTransaction(ctx, async (tx) => {
    const { rows, a } = await createManyRows(tx, model, args, 'createManyAndReturn', true);
    return shapeMany(tx, model, rows, a, shaper);
  });
}
