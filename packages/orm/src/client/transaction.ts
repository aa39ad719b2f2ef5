import { WardenError } from '@warden/schema';
import type { QueryContext } from '../context.js';
import { LockTimeoutError } from '../dialect/sqlite/connection-lock.js';
import { mapDbError } from '../errors/map-db-error.js';

export type IsolationLevel =
  'ReadUncommitted' | 'ReadCommitted' | 'RepeatableRead' | 'Serializable';

const LEVELS = {
  ReadUncommitted: 'read uncommitted',
  ReadCommitted: 'read committed',
  RepeatableRead: 'repeatable read',
  Serializable: 'serializable',
} as const;

export interface TransactionOptions {
  readonly isolationLevel?: IsolationLevel;
}

/**
 * Runs `fn` in a transaction: a new one, or the caller's when `ctx` is already inside one
 * (nested writes and `$transaction` bodies compose). A throw rolls everything back.
 *
 * @example
 * ```ts
 * await runInTransaction(ctx, async (tx) => { await insertParent(tx); await insertChildren(tx); });
 * ```
 */
export async function runInTransaction<T>(
  ctx: QueryContext,
  fn: (tx: QueryContext) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  if (ctx.inTransaction) return fn(ctx);
  let builder = ctx.kysely.transaction();
  if (options.isolationLevel !== undefined) {
    const level = LEVELS[options.isolationLevel];
    if (!level) {
      throw new WardenError(
        'INVALID_INPUT',
        `isolationLevel: expected one of ${Object.keys(LEVELS).join(', ')}`,
        { path: 'isolationLevel' },
      );
    }
    if (ctx.provider === 'postgresql') builder = builder.setIsolationLevel(level);
  }
  try {
    return await builder.execute((trx) => fn({ ...ctx, kysely: trx, inTransaction: true }));
  } catch (e) {
    // On SQLite a transaction begun while another holds the connection waits at most
    // busy_timeout; that failure is the database's, the callback's own errors pass unchanged.
    throw e instanceof LockTimeoutError ? mapDbError(e, ctx, undefined, '$transaction') : e;
  }
}
