import type { CompiledQuery } from 'kysely';
import type { ModelDef } from '@warden/schema';
import type { QueryContext } from '../context.js';
import { runInTransaction } from '../client/transaction.js';
import { BuildScope } from '../plan/build-scope.js';
import { shapeKey } from '../plan/shape-key.js';
import { findFirst } from '../read/find-many.js';
import { resolveUniqueWhere } from '../read/unique-where.js';
import { checkWhere } from './parse-data.js';
import type { WhereRef } from './plan-types.js';
import { shaperFor } from './result.js';
import { sql } from 'kysely';
import { andAll } from '../filter/predicate.js';
import type { Scoped } from './run-statement.js';
import { writeFilter } from './run-statement.js';
import { deleteWhere, selectRows } from './statements.js';
import { deleteSql } from './sql-builders.js';
import type { Row } from './statement.js';
import { Binder, aliased, execute, rememberPlan } from './statement.js';
import { cachePrefix, recordNotFound, topArgs, writeScope } from './top-args.js';
import { WardenError } from '@warden/schema';

const DELETE_ARGS = new Set(['where', 'select', 'include', 'omit']);
const DELETE_MANY_ARGS = new Set(['where', 'limit']);

const ALL = () => true as const;

/**
 * `delete`: the row named by the unique `where`, returned shaped; NOT_FOUND when there is none.
 * A scalar-only result is one `delete ... returning` statement; with relations in the result,
 * the row is read first, then deleted, in one transaction.
 */
export async function del(ctx: QueryContext, model: ModelDef, args: unknown): Promise<any> {
  const site = { model: model.name, operation: 'delete' };
  const a = topArgs(site, args, DELETE_ARGS, ['where']);
  resolveUniqueWhere(site, model, a.where, ['where']);
  const shaper = shaperFor(ctx, model, a, site);
  const w = writeScope(ctx, site, a);
  const where: WhereRef = { value: a.where, path: ['where'] };
  if (shaper.direct) {
    const prefix = cachePrefix(ctx, 'delete', model);
    const key = prefix && `${prefix}|${shapeKey({ where: a.where })}`;
    let compiled = key ? ctx.plans.get<CompiledQuery<unknown> | null>(key) : undefined;
    if (compiled === undefined) {
      const b = new Binder();
      const scope = new BuildScope(ctx, site);
      const alias = scope.nextAlias();
      const pred = writeFilter(scope, b, model, alias, 'delete', where, ALL);
      compiled =
        pred === false ? null : deleteSql(ctx, model, alias, pred, true).compile(ctx.kysely);
      if (key) rememberPlan(ctx, key, compiled);
    }
    const rows =
      compiled === null ? [] : (await execute(ctx, model, 'delete', compiled, a, [])).rows;
    if (rows.length === 0) throw recordNotFound(model, 'delete', a.where);
    return shaper.decode(rows[0]!);
  }
  checkWhere(w, model, a.where, ['where'], true);
  return runInTransaction(ctx, async (tx) => {
    const shaped = await findFirst(tx, model, {
      where: a.where,
      select: a.select,
      include: a.include,
      omit: a.omit,
    });
    const res = await deleteWhere({ ...w, ctx: tx }, model, where, ALL, false);
    if (res.count === 0) throw recordNotFound(model, 'delete', a.where);
    if (shaped === null) {
      throw new WardenError(
        'REJECTED_BY_POLICY',
        `${model.name}.delete: the deleted row cannot be read back`,
        {
          model: model.name,
          operation: 'delete',
          reason: 'cannot-read-back',
        },
      );
    }
    return shaped;
  });
}

/** `deleteMany`: one `delete` statement; `{ count }`. */
export async function deleteMany(
  ctx: QueryContext,
  model: ModelDef,
  args: unknown,
): Promise<{ count: number }> {
  const site = { model: model.name, operation: 'deleteMany' };
  const a = topArgs(site, args, DELETE_MANY_ARGS, []);
  const w = writeScope(ctx, site, a);
  const where: WhereRef | undefined =
    a.where === undefined ? undefined : checkWhere(w, model, a.where, ['where'], false);
  if (a.limit !== undefined) {
    if (typeof a.limit !== 'number' || !Number.isSafeInteger(a.limit) || a.limit < 0) {
      throw new WardenError(
        'INVALID_INPUT',
        `${model.name}.deleteMany: limit: expected a non-negative integer`,
        { model: model.name, operation: 'deleteMany', path: 'limit' },
      );
    }
    const limit = a.limit;
    const count = await runInTransaction(ctx, async (tx) => {
      const wt = { ...w, ctx: tx };
      let n = 0;
      for (const r of await selectRows(wt, model, where, ALL, 'delete', limit)) {
        n += (await deleteWhere(wt, model, undefined, byIds(model, r), false)).count;
      }
      return n;
    });
    return { count };
  }
  const res = await deleteWhere(w, model, where, ALL, false);
  return { count: res.count };
}

function byIds(model: ModelDef, row: Row): Scoped {
  return (b, alias) =>
    andAll(
      model.idFields.map((f) => sql<boolean>`${aliased(alias, model, f)} = ${b.bind(row[f])}`),
    );
}
