import { CompiledQuery, sql } from 'kysely';
import type { QueryContext } from '../context.js';
import { mapDbError } from '../errors/map-db-error.js';

/** SQLite cannot bind Dates or booleans: pass them the way the ORM stores them. */
function bindable(ctx: QueryContext, v: unknown): unknown {
  if (ctx.provider !== 'sqlite') return v;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

async function execute(ctx: QueryContext, query: CompiledQuery<unknown>) {
  try {
    return await ctx.kysely.executeQuery(query);
  } catch (e) {
    throw mapDbError(e, ctx, undefined, 'raw');
  }
}

function compileTemplate(
  ctx: QueryContext,
  strings: TemplateStringsArray,
  values: unknown[],
): CompiledQuery<unknown> {
  return sql(strings, ...values.map((v) => bindable(ctx, v))).compile(ctx.kysely);
}

/** `$queryRaw\`select ... ${value}\``: rows as the driver returns them; values are parameters. */
export async function queryRaw(
  ctx: QueryContext,
  strings: TemplateStringsArray,
  values: unknown[],
): Promise<any[]> {
  return (await execute(ctx, compileTemplate(ctx, strings, values))).rows as any[];
}

/** `$executeRaw\`update ... ${value}\``: the number of affected rows. */
export async function executeRaw(
  ctx: QueryContext,
  strings: TemplateStringsArray,
  values: unknown[],
): Promise<number> {
  return Number((await execute(ctx, compileTemplate(ctx, strings, values))).numAffectedRows ?? 0);
}

/** `$queryRawUnsafe(text, ...params)`: the text is used as is; only `params` are bound. */
export async function queryRawUnsafe(
  ctx: QueryContext,
  text: string,
  params: unknown[],
): Promise<any[]> {
  return (
    await execute(
      ctx,
      CompiledQuery.raw(
        text,
        params.map((v) => bindable(ctx, v)),
      ),
    )
  ).rows as any[];
}

export async function executeRawUnsafe(
  ctx: QueryContext,
  text: string,
  params: unknown[],
): Promise<number> {
  return Number(
    (
      await execute(
        ctx,
        CompiledQuery.raw(
          text,
          params.map((v) => bindable(ctx, v)),
        ),
      )
    ).numAffectedRows ?? 0,
  );
}
