import { WardenError } from '@warden/schema';
import type { ArgPath } from '../validate/invalid.js';
import { formatPath } from '../validate/invalid.js';
import type { CreatePlan, RelationOp, UpdatePlan, WhereRef } from './plan-types.js';
import type { Link } from './relation-sides.js';
import { fkValues, linkedRowHidden, sideOps, visiblyLinked } from './relation-sides.js';
import { linkWatched, linkWatcher } from './link-watched.js';
import type { Scoped } from './run-statement.js';
import { ALL } from './run-statement.js';
import type { Row } from './statement.js';
import {
  connectTarget,
  insertMany,
  insertRow,
  notReached,
  selectRows,
  updateWhere,
} from './statements.js';
import type { UpdateOrigin } from './write-hooks.js';
import { watchedUpdate, writeHooks } from './write-hooks.js';
import { updateWatched } from './watched-update.js';
import type { WriteScope } from './write-scope.js';

/**
 * The walk over a write's plan tree: a row's owner-side to-one writes before it, the row, its
 * other relations' writes after it. The statements are in `statements.ts`; how each kind of
 * relation links rows is in `relation-sides.ts`.
 */

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
    case 'connect':
      return keysOf(await connectTarget(w, rel.target, op.wheres[0]!));
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
    const res = await updateWatched(w, plan.model, {
      sets,
      where,
      extra,
      watched,
      origin,
      nested: async (rows: readonly Row[], wt: WriteScope) => {
        for (const row of rows) for (const op of plan.after) await relationOp(wt, op, row);
      },
    });
    return res.rows;
  }
  const rows =
    sets.length === 0
      ? await selectRows(w, plan.model, where, extra, 'update')
      : (await updateWhere(w, plan.model, { sets, where, extra, returning: true, origin })).rows;
  if (plan.after.length > 0)
    for (const row of rows) for (const op of plan.after) await relationOp(w, op, row);
  return rows;
}

/** Runs one nested write of a relation of the row `parent` (already written). */
export async function relationOp(w: WriteScope, op: RelationOp, parent: Row): Promise<void> {
  const origin = nestedOrigin(w, op.path);
  const hooks = linkWatcher(w, op);
  if (hooks) {
    return linkWatched(w, op, parent, hooks, origin, (wt) => runRelationOp(wt, op, parent, origin));
  }
  return runRelationOp(w, op, parent, origin);
}

async function runRelationOp(
  w: WriteScope,
  op: RelationOp,
  parent: Row,
  origin: UpdateOrigin,
): Promise<void> {
  const rel = op.rel;
  const side = sideOps(rel);
  const l: Link = { w, rel, parent, origin, createTree };
  switch (op.op) {
    case 'create':
      return side.create(l, op.plans);
    case 'createMany':
      await insertMany(w, rel.target, {
        plans: op.plans,
        fixed: fkValues(rel, parent),
        skipDuplicates: op.skipDuplicates,
        returning: false,
      });
      return;
    case 'connect':
      return side.connect(l, op.wheres);
    case 'connectOrCreate':
      for (const item of op.items) {
        const [row] = await selectRows(w, rel.target, item.where, ALL, 'read', 1);
        if (row) await side.connectFound(l, row, item.where);
        else await side.create(l, [item.create]);
      }
      return;
    case 'disconnect':
      return side.disconnect(l, op.wheres, op.all);
    case 'set':
      return side.set(l, op.wheres);
    case 'update':
    case 'updateMany': {
      // Updates of linked rows follow only links the caller may see.
      const scoped = visiblyLinked(w, rel, parent);
      for (const item of op.items) {
        const rows = await updateTree(w, item.data, item.where, scoped);
        if (op.op === 'update' && rows.length === 0)
          throw await notReached(w, rel.target, 'nested update', item.where, scoped);
      }
      return;
    }
    case 'upsert': {
      const scoped = visiblyLinked(w, rel, parent);
      for (const item of op.items) {
        const existing = await selectRows(w, rel.target, item.where, scoped, 'update', 1);
        if (existing.length > 0) await updateTree(w, item.update, item.where, scoped);
        else if (linkedRowHidden(w, rel, parent))
          // The parent's key names a row the policy keeps from this write: not replaced.
          throw await notReached(w, rel.target, 'nested upsert', item.where, scoped);
        else await side.create(l, [item.create]);
      }
      return;
    }
    case 'delete':
      if (op.all) await side.delete(l, op.wheres[0], true);
      else for (const where of op.wheres) await side.delete(l, where, true);
      return;
    case 'deleteMany':
      for (const where of op.wheres) await side.delete(l, where, false);
      return;
  }
}

/** The origin of the updates a nested write at `path` makes (see `UpdateOrigin`). */
function nestedOrigin(w: WriteScope, path: ArgPath): UpdateOrigin {
  return { site: w.site, nested: true, path: formatPath(path) };
}
