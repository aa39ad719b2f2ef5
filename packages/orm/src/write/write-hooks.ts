import type { FieldDef, ModelDef } from '@warden/schema';
import type { QueryContext } from '../context.js';

/**
 * Optional write-side hooks the policy layer may add to the client's `QueryHooks` object
 * (next to `rowFilter`): read from `ctx.hooks` by the write module. None is needed for the
 * plain client. See `packages/orm/WRITES.md`.
 *
 * @example
 * ```ts
 * const hooks = { rowFilter, cacheKey, beforeCreate: (model, row) => { if (!allowed(row.data)) throw reject(); } };
 * const userDb = withHooks(db, hooks);
 * ```
 */
export interface WriteHooks {
  /**
   * Called before each row is inserted (nested rows and createMany rows too), inside the
   * mutation's transaction when there is one. `data`: the row's API values (input plus
   * defaults); `columns`: the encoded values about to be bound, foreign keys included.
   * Throw (e.g. REJECTED_BY_POLICY) to refuse; nothing of the mutation is then kept.
   */
  beforeCreate?(
    model: ModelDef,
    row: {
      readonly data: Readonly<Record<string, unknown>>;
      readonly columns: Readonly<Record<string, unknown>>;
    },
    ctx: QueryContext,
  ): void | Promise<void>;
  /**
   * Called after rows were updated, in the same transaction (updates then always run in one),
   * with the id `where` of each updated row: the place for post-update checks. Throw to roll
   * the whole mutation back.
   */
  afterUpdate?(
    model: ModelDef,
    ids: readonly Record<string, unknown>[],
    ctx: QueryContext,
  ): void | Promise<void>;
  /** Value of `@default(auth().x)` fields (the plain client has no user and leaves them out). */
  authDefault?(model: ModelDef, field: FieldDef, path: readonly string[]): unknown;
}

/** The write hooks installed on `ctx`, if any. */
export function writeHooks(ctx: QueryContext): WriteHooks | undefined {
  return ctx.hooks as WriteHooks | undefined;
}
