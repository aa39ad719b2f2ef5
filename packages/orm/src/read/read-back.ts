import type { ModelDef } from '@warden/schema';
import type { QueryContext } from '../context.js';
import { findFirst, findMany } from './find-many.js';

/** `select` / `include` / `omit` of a mutation, applied to the rows it returns. */
export interface Shaping {
  readonly select?: unknown;
  readonly include?: unknown;
  readonly omit?: unknown;
}

function argsOf(where: unknown, shaping: Shaping, orderBy?: unknown): Record<string, unknown> {
  const args: Record<string, unknown> = { where };
  if (shaping.select !== undefined) args.select = shaping.select;
  if (shaping.include !== undefined) args.include = shaping.include;
  if (shaping.omit !== undefined) args.omit = shaping.omit;
  if (orderBy !== undefined) args.orderBy = orderBy;
  return args;
}

/**
 * Returns a mutated row through the normal read path (same shaping, decoding, nested
 * relations, hooks), so mutation results look exactly like reads. `where` is usually the
 * row's id (`{ id }`) or any unique where; `null` when the row cannot be read.
 *
 * @example
 * ```ts
 * const created = await readBack(ctx, postModel, { id: newId }, args);
 * ```
 */
export function readBack(
  ctx: QueryContext,
  model: ModelDef,
  where: Record<string, unknown>,
  shaping: Shaping,
): Promise<any> {
  return findFirst(ctx, model, argsOf(where, shaping));
}

/** `readBack` for many rows (`where` e.g. `{ id: { in: ids } }`), ordered by `orderBy`. */
export function readBackMany(
  ctx: QueryContext,
  model: ModelDef,
  where: Record<string, unknown>,
  shaping: Shaping,
  orderBy?: unknown,
): Promise<any[]> {
  return Promise.resolve(findMany(ctx, model, argsOf(where, shaping, orderBy)));
}
