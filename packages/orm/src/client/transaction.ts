import { WardenError } from '@warden/schema';
import type { QueryContext } from '../context.js';
import { LockTimeoutError } from '../dialect/sqlite/connection-lock.js';
import { isConflictCode, isRetryableConflict } from '../errors/conflict.js';
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
  /**
   * How many times to run the transaction again when the database aborted it for a deadlock or
   * a serialization failure (PostgreSQL 40P01, 40001; SQLite SQLITE_BUSY_SNAPSHOT). Default 3;
   * 0 turns retries off. An interactive callback is called again from the start on a fresh
   * transaction, so keep side effects other than queries on `tx` out of it (or make them
   * idempotent). When the retries run out, the error is `CONFLICT` (retryable by the caller).
   */
  readonly maxRetries?: number;
}

/** Default `maxRetries`. */
export const DEFAULT_MAX_RETRIES = 3;

/**
 * Runs `fn` in a transaction: a new one, or the caller's when `ctx` is already inside one
 * (nested writes and `$transaction` bodies compose). A throw rolls everything back. A new
 * transaction the database aborts for a deadlock or serialization failure runs again, up to
 * `maxRetries` times; a nested one leaves that to the outermost.
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
  const maxRetries = retriesOf(options);
  for (let attempt = 0; ; attempt++) {
    try {
      return await builder.execute((trx) => fn({ ...ctx, kysely: trx, inTransaction: true }));
    } catch (e) {
      if (attempt < maxRetries && isRetryableConflict(e)) {
        await backoff(attempt);
        continue;
      }
      // On SQLite a transaction begun while another holds the connection waits at most
      // busy_timeout; that failure is the database's, the callback's own errors pass unchanged.
      // A conflict at COMMIT comes from the driver unmapped.
      throw e instanceof LockTimeoutError || isConflictCode((e as { code?: unknown })?.code)
        ? mapDbError(e, ctx, undefined, '$transaction')
        : e;
    }
  }
}

function retriesOf(options: TransactionOptions): number {
  const n = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new WardenError('INVALID_INPUT', 'maxRetries: expected a whole number >= 0', {
      path: 'maxRetries',
    });
  }
  return n;
}

/**
 * A short random wait before running again, growing with each attempt, so the two sides of a
 * deadlock do not meet again in the same order at once.
 */
function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * 10 * 2 ** attempt;
  return new Promise((resolve) => setTimeout(resolve, ms));
}
