import type { CompiledQuery, RawBuilder } from 'kysely';
import type { ModelDef } from '@warden/schema';
import type { QueryContext } from '../context.js';
import { mapDbError } from '../errors/map-db-error.js';
import { BuildScope } from './build-scope.js';
import { resolveParams } from './param-ref.js';
import { shapeKey } from './shape-key.js';

/** What a builder returns: the statement (or `null` when the answer needs no query) and shaping. */
export interface PlanSpec<R> {
  readonly query: RawBuilder<unknown> | null;
  /** Turns the rows into the result; `rows` is `[]` when `query` is null. */
  readonly finish: (rows: any[], args: any) => R;
}

interface Plan<R> {
  readonly compiled: CompiledQuery<unknown> | null;
  readonly finish: (rows: any[], args: any) => R;
}

const NO_CACHE = Symbol('no-cache');

function cacheKeyOf(ctx: QueryContext, prefix: string, args: unknown): string | typeof NO_CACHE {
  const hooks = ctx.hooks;
  if (hooks && hooks.cacheKey === undefined) return NO_CACHE;
  return `${prefix}|${hooks ? hooks.cacheKey : ''}|${shapeKey(args)}`;
}

/**
 * Runs an operation through the plan cache: on a miss, `build` validates the arguments and
 * builds the statement, which is compiled once; on a hit (same operation, model and argument
 * shape) only the parameters are read from `args`. Parameter encoders validate values, so
 * every INVALID_INPUT is raised before any SQL runs.
 *
 * @example
 * ```ts
 * return runPlan(ctx, model, 'updateMany', args, (scope) => ({ query: sql`...`, finish: (rows) => rows.length }));
 * ```
 */
export async function runPlan<R>(
  ctx: QueryContext,
  model: ModelDef,
  operation: string,
  args: unknown,
  build: (scope: BuildScope) => PlanSpec<R>,
): Promise<R> {
  const key = cacheKeyOf(ctx, `${operation}:${model.name}`, args);
  let plan = key === NO_CACHE ? undefined : ctx.plans.get<Plan<R>>(key);
  if (!plan) {
    const spec = build(new BuildScope(ctx, { model: model.name, operation }));
    plan = { compiled: spec.query ? spec.query.compile(ctx.kysely) : null, finish: spec.finish };
    if (key !== NO_CACHE) ctx.plans.set(key, plan);
  }
  const compiled = plan.compiled;
  if (!compiled) return plan.finish([], args);
  const parameters = resolveParams(compiled.parameters, args, ctx.hooks?.params);
  let rows: any[];
  try {
    const res = await ctx.kysely.executeQuery({
      query: compiled.query,
      queryId: compiled.queryId,
      sql: compiled.sql,
      parameters,
    });
    rows = res.rows as any[];
  } catch (e) {
    throw mapDbError(e, ctx, model, operation);
  }
  return plan.finish(rows, args);
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
): Promise<{ rows: any[]; numAffectedRows?: bigint }> {
  const compiled = query.compile(ctx.kysely);
  const parameters = resolveParams(compiled.parameters, args, ctx.hooks?.params);
  try {
    const res = await ctx.kysely.executeQuery({ ...compiled, parameters });
    return res.numAffectedRows === undefined
      ? { rows: res.rows as any[] }
      : { rows: res.rows as any[], numAffectedRows: res.numAffectedRows };
  } catch (e) {
    throw mapDbError(e, ctx, model, operation);
  }
}
