import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { ModelDef } from '@warden/schema';
import { WardenError } from '@warden/schema';
import type { QueryContext } from '../context.js';

/** The RETURNING column saying whether the written row passes the read filter. */
export const READABLE = '$readable';

const KEPT = Symbol.for('warden.orm.write-kept');

/**
 * `, (<read filter>) as "$readable"` for a one-row mutation's RETURNING list, so the row and
 * whether it may be read back come from the same statement (no transaction, no second query).
 * `undefined` when that cannot be decided there: no `returningReadable` hook, a filter that
 * needs other rows, or a selected field with a read mask. `alias` names the written row in
 * RETURNING (SQLite accepts only the table's own name there, PostgreSQL only the alias).
 */
export function readableColumn(
  ctx: QueryContext,
  model: ModelDef,
  alias: string,
  selected: readonly string[],
): RawBuilder<unknown> | undefined {
  const hooks = ctx.hooks;
  if (!hooks?.returningReadable) return undefined;
  if (hooks.fieldReadable) {
    for (const f of selected)
      if (hooks.fieldReadable(model, f, alias, ctx, 'select') !== true) return undefined;
  }
  const pred = hooks.returningReadable(model, alias, ctx);
  if (pred === undefined) return undefined;
  return sql`, (${typeof pred === 'boolean' ? sql.lit(pred) : pred}) as ${sql.id(READABLE)}`;
}

/** True when the RETURNING row says it passes the read filter (drivers differ in how). */
export function isReadable(row: Record<string, unknown>): boolean {
  const v = row[READABLE];
  return v === true || v === 1 || v === 1n;
}

/**
 * `cannot-read-back` for a write that is committed (it ran as one statement outside any
 * transaction). The policy layer tells it apart with `writeWasKept` and does not redo it.
 */
export function cannotReadBackKept(model: ModelDef, operation: string): WardenError {
  const e = new WardenError(
    'REJECTED_BY_POLICY',
    `${model.name}.${operation}: the write WAS performed and committed, but the result cannot be returned because the current user may not read it`,
    { model: model.name, operation, reason: 'cannot-read-back' },
  );
  Object.defineProperty(e, KEPT, { value: true });
  return e;
}

/**
 * True for a `cannot-read-back` error whose write was kept; false for one raised inside the
 * ORM's own transaction (that write was rolled back).
 */
export function writeWasKept(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[KEPT] === true;
}
