import type { ModelDef } from '@warden/schema';
import type { QueryContext, RowOperation } from '../context.js';
import type { Pred } from './predicate.js';
import { fromHook } from './predicate.js';

/** The policy hook's extra predicate for rows of `model` read under `alias` (true without hooks). */
export function rowFilter(
  ctx: QueryContext,
  model: ModelDef,
  operation: RowOperation,
  alias: string,
): Pred {
  const hooks = ctx.hooks;
  return hooks?.rowFilter ? fromHook(hooks.rowFilter(model, operation, alias, ctx)) : true;
}
