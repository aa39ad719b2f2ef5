import type { ModelDef } from '@warden/schema';
import type { QueryContext } from '../context.js';
import { runInTransaction } from '../client/transaction.js';
import type { RelationOp } from './plan-types.js';
import { linkedTo } from './relation-sides.js';
import { idWhere } from './result.js';
import { rowKey } from './row-key.js';
import { ALL } from './run-statement.js';
import type { Row } from './statement.js';
import { selectRows } from './statements.js';
import type { IdWhere, UpdateOrigin, WriteHooks } from './write-hooks.js';
import { writeHooks } from './write-hooks.js';
import type { WriteScope } from './write-scope.js';

/** The nested writes that add or remove many-to-many links to existing rows. */
const LINKS = new Set<RelationOp['op']>(['connect', 'connectOrCreate', 'disconnect', 'set']);

/** The hooks when they watch the link `op` makes or removes (see `linkWatched`). */
export function linkWatcher(w: WriteScope, op: RelationOp): WriteHooks | undefined {
  if (op.rel.side !== 'm2m' || !LINKS.has(op.op)) return undefined;
  const hooks = writeHooks(w.ctx);
  return hooks?.watchesLink?.(op.rel.target, op.rel.opposite) ? hooks : undefined;
}

/**
 * A many-to-many link made or removed from `parent`'s side changes the relation of the rows on
 * the other side too. When the update hooks watch that relation of the other model
 * (`watchesLink`: a post-update rule reads it), the write runs as an update of those rows:
 * the existing rows it links or unlinks are selected (under the read filter, as the link's
 * lookup), `beforeUpdate` gets them with the relation as the field written, `write` writes the
 * links, then `afterUpdate` checks them, all in one transaction. Rows the write creates are
 * checked as creates, not here.
 */
export async function linkWatched(
  w: WriteScope,
  op: RelationOp,
  parent: Row,
  hooks: WriteHooks,
  origin: UpdateOrigin,
  write: (w: WriteScope) => Promise<void>,
): Promise<void> {
  const rel = op.rel;
  const t = rel.target;
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
    await write(wt);
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
