import type { CompiledQuery } from 'kysely';
import type { ModelDef } from '@warden/schema';
import type { QueryContext } from '../context.js';
import { mapDbError } from '../errors/map-db-error.js';
import { runPooled } from '../dialect/postgres/prepared-pool.js';
import { maxParametersOf, overLimit } from '../validate/limits.js';

export interface ExecResult {
  readonly rows: any[];
  readonly numAffectedRows?: bigint;
  readonly insertId?: bigint;
}

/**
 * Runs a compiled statement with final parameter values. On SQLite it runs synchronously on
 * (and returns the result itself, not a promise)
 * the cached prepared statement when the connection is free or held by this context's own
 * transaction; on PostgreSQL outside a transaction it runs on the pool directly; otherwise it
 * goes through Kysely: the transaction's connection, or on SQLite the driver's queue, which
 * answers reads from a second connection while another transaction holds the first and bounds
 * every other wait by `busy_timeout` (see `WardenSqliteDriver`). Errors are mapped.
 *
 * `columns`: the query's column names in order, to get its rows as arrays of values in that
 * order (cheaper for the drivers to make than objects; the caller builds the results).
 */
export function executeCompiled(
  ctx: QueryContext,
  compiled: CompiledQuery<unknown>,
  parameters: readonly unknown[],
  model: ModelDef | undefined,
  operation: string,
  columns?: readonly string[],
): ExecResult | Promise<ExecResult> {
  if (parameters.length > maxParametersOf(ctx))
    throw tooManyParameters(ctx, parameters.length, model, operation);
  const fast = ctx.engine.sqlite;
  if (fast && (ctx.inTransaction || fast.driver.isFree())) {
    // Synchronous on purpose: no promise, no microtask, for the most common statement of all.
    try {
      return columns
        ? { rows: fast.statements.runArrays(compiled.sql, parameters) }
        : (fast.statements.run(compiled.sql, parameters) as ExecResult);
    } catch (e) {
      throw mapDbError(e, ctx, model, operation);
    }
  }
  return executeAsync(ctx, compiled, parameters, model, operation, columns);
}

/**
 * A statement over the database's limit on bound values. Lists bind as one value each, and
 * filters are bounded by `maxFilterConditions`, so this takes a very wide write or a limit
 * raised past what the database takes.
 */
export function tooManyParameters(
  ctx: QueryContext,
  count: number,
  model: ModelDef | undefined,
  operation: string,
) {
  return overLimit(
    [],
    `this operation needs ${count} bound values in one statement, over the limit of ${maxParametersOf(ctx)} (${ctx.provider === 'sqlite' ? 'SQLite' : 'PostgreSQL'} takes ${ctx.dialect.maxParameters}): use fewer conditions, or split it`,
    'maxParameters',
    { ...(model ? { model: model.name } : {}), operation },
  );
}

async function executeAsync(
  ctx: QueryContext,
  compiled: CompiledQuery<unknown>,
  parameters: readonly unknown[],
  model: ModelDef | undefined,
  operation: string,
  columns: readonly string[] | undefined,
): Promise<ExecResult> {
  try {
    const pool = ctx.engine.pg;
    if (pool && !ctx.inTransaction) {
      const sql = compiled.sql;
      return (await runPooled(
        pool,
        ctx.engine.prepared!,
        sql,
        parameters,
        !!columns,
      )) as ExecResult;
    }
    const res = (await ctx.kysely.executeQuery({
      query: compiled.query,
      queryId: compiled.queryId,
      sql: compiled.sql,
      parameters,
    })) as ExecResult;
    // Kysely's drivers give objects (transactions, logging, a user's dialect): same arrays.
    return columns ? { rows: res.rows.map((r: any) => columns.map((c) => r[c])) } : res;
  } catch (e) {
    throw mapDbError(e, ctx, model, operation);
  }
}
