import type { CompiledQuery, RawBuilder } from 'kysely';
import type { ModelDef } from '@warden/schema';
import type { QueryContext } from '../context.js';
import type { ExecResult } from './execute.js';
import { executeCompiled, tooManyParameters } from './execute.js';
import { BuildScope } from './build-scope.js';
import { resolveParams } from './param-ref.js';
import { shapeKey } from './shape-key.js';
import { slimCompiled } from './plan-cache.js';
import { maxParametersOf } from '../validate/limits.js';
import { registerPrepared } from '../dialect/postgres/prepared-pool.js';

/** A value, or a promise of it (SQLite statements answer synchronously). */
export type MaybePromise<T> = T | Promise<T>;

/** What a builder returns: the statement (or `null` when the answer needs no query) and shaping. */
export interface PlanSpec<R> {
  readonly query: RawBuilder<unknown> | null;
  /** Turns the rows into the result; `rows` is `[]` when `query` is null. */
  readonly finish: (rows: any[], args: any) => R;
  /** The query's column names in order: `finish` then gets rows as arrays of their values. */
  readonly columns?: readonly string[];
}

interface Plan<R> {
  readonly compiled: CompiledQuery<unknown> | null;
  readonly finish: (rows: any[], args: any) => R;
  readonly columns: readonly string[] | undefined;
}

const NO_CACHE = Symbol('no-cache');
/** Prepared-statement names are never reused, even after one is dropped. */

function cacheKeyOf(ctx: QueryContext, prefix: string, args: unknown): string | typeof NO_CACHE {
  const hooks = ctx.hooks;
  if (hooks && hooks.cacheKey === undefined) return NO_CACHE;
  return `${prefix}|${hooks ? hooks.cacheKey : ''}|${shapeKey(args)}`;
}

/**
 * Runs an operation through the plan cache: on a miss, `build` validates the arguments and
 * builds the statement, which is compiled once; on a hit (same operation, model and argument
 * shape) only the parameters are read from `args`. Parameter encoders validate values, so
 * every INVALID_INPUT is raised before any SQL runs. The result is a value, not a promise, when
 * the statement ran synchronously (SQLite); errors may then be thrown synchronously too.
 *
 * @example
 * ```ts
 * return runPlan(ctx, model, 'updateMany', args, (scope) => ({ query: sql`...`, finish: (rows) => rows.length }));
 * ```
 */
export function runPlan<R>(
  ctx: QueryContext,
  model: ModelDef,
  operation: string,
  args: unknown,
  build: (scope: BuildScope) => PlanSpec<R>,
): MaybePromise<R> {
  const key = cacheKeyOf(ctx, `${operation}:${model.name}`, args);
  let plan = key === NO_CACHE ? undefined : ctx.plans.get<Plan<R>>(key);
  if (!plan) {
    const spec = build(new BuildScope(ctx, { model: model.name, operation }));
    plan = {
      compiled: spec.query ? slimCompiled(spec.query.compile(ctx.kysely)) : null,
      finish: spec.finish,
      columns: spec.columns,
    };
    const count = plan.compiled?.parameters.length ?? 0;
    // Refused before it is cached (a statement that can never run would only take room).
    if (count > maxParametersOf(ctx)) throw tooManyParameters(ctx, count, model, operation);
    if (key !== NO_CACHE && ctx.plans.set(key, plan)) {
      const prepared = ctx.engine.prepared;
      if (plan.compiled && prepared) registerPrepared(prepared, plan.compiled.sql);
    }
  }
  const compiled = plan.compiled;
  if (!compiled) return plan.finish([], args);
  const parameters = resolveParams(compiled.parameters, args, ctx.hooks);
  const res = executeCompiled(ctx, compiled, parameters, model, operation, plan.columns);
  // A synchronous SQLite answer is finished synchronously: no promise on the hot path.
  const finish = plan.finish;
  return res instanceof Promise ? res.then((r) => finish(r.rows, args)) : finish(res.rows, args);
}

/**
 * Executes a statement built outside the plan cache (its `ParamRef`s resolved from `args`),
 * with DB errors mapped. For writes that are not worth caching.
 */
export async function executeBuilt(
  ctx: QueryContext,
  model: ModelDef,
  operation: string,
  query: RawBuilder<unknown>,
  args: unknown,
): Promise<ExecResult> {
  const compiled = query.compile(ctx.kysely);
  const parameters = resolveParams(compiled.parameters, args, ctx.hooks);
  return executeCompiled(ctx, compiled, parameters, model, operation);
}
