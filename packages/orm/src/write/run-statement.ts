import type { RawBuilder } from 'kysely';
import type { ModelDef } from '@warden/schema';
import type { RowOperation } from '../context.js';
import type { Pred } from '../filter/predicate.js';
import { andAll } from '../filter/predicate.js';
import { rowFilter, withRule } from '../filter/row-filter.js';
import { buildWhere } from '../filter/where.js';
import { BuildScope } from '../plan/build-scope.js';
import type { WhereRef } from './plan-types.js';
import type { StatementResult } from './statement.js';
import { Binder, execute } from './statement.js';
import type { WriteScope } from './write-scope.js';

/** A predicate on rows of a model under `alias`, with its values bound through `b`. */
export type Scoped = (b: Binder, alias: string) => Pred;

/** No restriction beyond the `where`. */
export const ALL: Scoped = () => true;

/** Builds and runs one statement outside the plan cache (nested writes). */
export async function run(
  w: WriteScope,
  model: ModelDef,
  build: (scope: BuildScope, b: Binder) => RawBuilder<unknown> | null,
): Promise<StatementResult> {
  const scope = new BuildScope(w.ctx, w.site);
  const b = new Binder();
  const q = build(scope, b);
  if (!q) return { rows: [], count: 0 };
  return execute(w.ctx, model, w.site.operation, q.compile(w.ctx.kysely), w.root, b.values);
}

/**
 * The WHERE of every write on `model`: the policy hook's row filter for `op` (seam for the
 * policy layer), the user's `where`, and the relation scope (rows linked to a parent).
 */
export function writeFilter(
  scope: BuildScope,
  b: Binder,
  model: ModelDef,
  alias: string,
  op: RowOperation,
  where: WhereRef | undefined,
  extra: Scoped,
): Pred {
  return andAll([
    withRule(
      scope.ctx,
      rowFilter(scope.ctx, model, op, alias),
      where === undefined ? true : buildWhere(scope, model, alias, where.value, where.path),
    ),
    extra(b, alias),
  ]);
}
