import { sql } from 'kysely';
import type { CompiledQuery, RawBuilder } from 'kysely';
import { registerPrepared } from '../dialect/postgres/prepared-pool.js';
import type { FieldDef, ModelDef } from '@warden/schema';
import type { QueryContext } from '../context.js';
import { executeCompiled } from '../plan/execute.js';
import { ParamRef } from '../plan/param-ref.js';
import { slimCompiled } from '../plan/plan-cache.js';

/**
 * A placeholder for a write value (an encoded column value or a parent's key). Compiled
 * statements keep it in their parameter list; each execution binds `values[index]`, so a
 * cached statement serves every call of the same shape.
 */
export class ValueRef {
  constructor(readonly index: number) {}
}

/** Collects the values of a statement being built, in binding order. */
export class Binder {
  readonly values: unknown[] = [];
  bind(value: unknown): RawBuilder<unknown> {
    this.values.push(value);
    return sql`${new ValueRef(this.values.length - 1)}`;
  }
}

/** Raw row of a write's RETURNING list (or a lookup), keyed by field name. */
export type Row = Record<string, unknown>;

export interface StatementResult {
  readonly rows: Row[];
  readonly count: number;
}

/**
 * Executes a compiled write: `ValueRef`s take `values`, `ParamRef`s (from `where` builders and
 * policy hooks) are read from `root` and `hooks.param`. Driver errors become WardenErrors.
 */
export async function execute(
  ctx: QueryContext,
  model: ModelDef,
  operation: string,
  compiled: CompiledQuery<unknown>,
  root: unknown,
  values: readonly unknown[],
): Promise<StatementResult> {
  const src = compiled.parameters;
  const parameters = new Array<unknown>(src.length);
  const hooks = ctx.hooks;
  for (let i = 0; i < src.length; i++) {
    const p = src[i];
    parameters[i] =
      p instanceof ValueRef ? values[p.index] : p instanceof ParamRef ? p.resolve(root, hooks) : p;
  }
  const res = await executeCompiled(ctx, compiled, parameters, model, operation);
  const rows = res.rows as Row[];
  return {
    rows,
    count: res.numAffectedRows === undefined ? rows.length : Number(res.numAffectedRows),
  };
}

/**
 * Keeps a compiled write in the plan cache under `key` and, on PostgreSQL, registers its SQL
 * as a named prepared statement (as the read path does for its cached plans).
 */
export function rememberPlan(
  ctx: QueryContext,
  key: string,
  compiled: CompiledQuery<unknown> | null,
): void {
  if (!ctx.plans.set(key, compiled && slimCompiled(compiled))) return;
  const prepared = ctx.engine.prepared;
  if (compiled && prepared) registerPrepared(prepared, compiled.sql);
}

/** The fields a model's rows are returned with: every column the API knows. */
export function returnedFields(model: ModelDef): FieldDef[] {
  return Object.values(model.fields).filter((f) => f.kind !== 'relation' && !f.ignored);
}

const returningCache = new WeakMap<
  ModelDef,
  { sqlite?: RawBuilder<unknown>; postgresql?: RawBuilder<unknown> }
>();

/** `returning <col> as "<field>", ...` (SQLite BigInt as text so 64-bit values survive). */
export function returningList(ctx: QueryContext, model: ModelDef): RawBuilder<unknown> {
  let entry = returningCache.get(model);
  if (!entry) returningCache.set(model, (entry = {}));
  const hit = entry[ctx.provider];
  if (hit) return hit;
  const list = sql.join(
    returnedFields(model).map(
      (f) => sql`${ctx.dialect.selectColumn(f, sql.ref(f.dbName))} as ${sql.ref(f.name)}`,
    ),
  );
  entry[ctx.provider] = list;
  return list;
}

/** The columns list of a lookup select on alias `alias`. */
export function selectList(ctx: QueryContext, model: ModelDef, alias: string): RawBuilder<unknown> {
  return sql.join(
    returnedFields(model).map(
      (f) =>
        sql`${ctx.dialect.selectColumn(f, sql.ref(`${alias}.${f.dbName}`))} as ${sql.ref(f.name)}`,
    ),
  );
}

/** The column of field `name` unqualified (for INSERT lists, SET targets, RETURNING). */
export function column(model: ModelDef, name: string): RawBuilder<unknown> {
  return sql.ref(model.fields[name]!.dbName);
}

/** `"alias"."column"` of field `name`. */
export function aliased(alias: string, model: ModelDef, name: string): RawBuilder<unknown> {
  return sql.ref(`${alias}.${model.fields[name]!.dbName}`);
}
