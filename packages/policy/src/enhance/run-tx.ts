import type { QueryContext } from '@warden/orm';

/** Runs `fn` in the caller's transaction, or in a new one. */
export function runTx<T>(ctx: QueryContext, fn: (tx: QueryContext) => Promise<T>): Promise<T> {
  if (ctx.inTransaction) return fn(ctx);
  return ctx.kysely
    .transaction()
    .execute((trx) => fn({ ...ctx, kysely: trx, inTransaction: true }));
}
